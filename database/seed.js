#!/usr/bin/env node
// @ts-check
/** `npm run seed`: compiles the project, loads Strapi without serving, seeds the demo data. */
'use strict';

const path = require('node:path');
const { withStrapi, run } = require('./with-strapi');

run(async () => {
  if (process.env.NODE_ENV === 'production') {
    console.error('Refusing to seed demo data with NODE_ENV=production');
    process.exit(1);
  }
  await withStrapi(async (strapi, distDir) => {
    const { seedDemoData } = require(path.join(distDir, 'src', 'seed'));
    const added = await seedDemoData(strapi);
    console.log(`[seed] added ${added.students} students, ${added.staff} staff accounts, ${added.studentLogins} student logins, ${added.integrityRecords} integrity records, ${added.registrations} registrations of this semester (existing records kept)`);
  });
});
