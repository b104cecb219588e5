#!/usr/bin/env node
// @ts-check
/** `npm run seed`: compiles the project, loads Strapi without serving, seeds the demo data. */
'use strict';

const path = require('node:path');

async function main() {
  if (process.env.NODE_ENV === 'production') {
    console.error('Refusing to seed demo data with NODE_ENV=production');
    process.exit(1);
  }
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const context = await compileStrapi({ appDir: path.resolve(__dirname, '..') });
  process.env.SEED_ON_START = 'false';
  const strapi = await createStrapi({ ...context, autoReload: false, serveAdminPanel: false }).load();
  try {
    const { seedDemoData } = require(path.join(context.distDir, 'src', 'seed'));
    const added = await seedDemoData(strapi);
    console.log(`[seed] added ${added.students} students, ${added.staff} staff accounts, ${added.studentLogins} student logins (existing records kept)`);
  } finally {
    await strapi.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
