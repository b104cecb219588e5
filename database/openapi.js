#!/usr/bin/env node
// @ts-check
/**
 * `npm run openapi`: compiles the project, loads Strapi without serving, generates the OpenAPI
 * document (the documentation plugin, src/openapi/) and writes the copy kept under version
 * control, docs/openapi.json. test/api/openapi.test.ts fails while that copy is stale.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { withStrapi, run } = require('./with-strapi');

const TARGET = path.resolve(__dirname, '..', 'docs', 'openapi.json');

run(async () => {
  await withStrapi(async (strapi) => {
    const service = strapi.plugin('documentation')?.service('documentation');
    if (!service) throw new Error('the documentation plugin is not loaded (DOCUMENTATION_UI=off?)');
    await service.generateFullDoc();
    const version = service.getDocumentationVersion();
    fs.copyFileSync(path.join(service.getFullDocumentationPath(), version, 'full_documentation.json'), TARGET);
    const paths = Object.keys(JSON.parse(fs.readFileSync(TARGET, 'utf8')).paths).length;
    console.log(`[openapi] wrote ${path.relative(process.cwd(), TARGET)} (version ${version}, ${paths} paths)`);
  });
});
