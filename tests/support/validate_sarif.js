// Validates SARIF files against the OASIS SARIF 2.1.0 JSON schema (draft-04),
// with the ajv and schema that `npm ci` installs (see package.json).
// Usage: node validate_sarif.js FILE...   exit 0: valid, 1: invalid, 2: cannot check
'use strict';
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..', '..', 'node_modules');
let Ajv, schema, draft4;
try {
  Ajv = require(path.join(root, 'ajv'));
  schema = require(path.join(root, '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'));
  draft4 = require(path.join(root, 'ajv', 'lib', 'refs', 'json-schema-draft-04.json'));
} catch (e) {
  console.error('cannot load ajv or the SARIF schema (run npm ci --ignore-scripts): ' + e.message);
  process.exit(2);
}
const ajv = new Ajv({ schemaId: 'id', allErrors: true, meta: false });
ajv.addMetaSchema(draft4);
const validate = ajv.compile(schema);
let ok = true;
for (const file of process.argv.slice(2)) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!validate(data)) {
    ok = false;
    console.log(file + ': invalid SARIF');
    for (const error of validate.errors) console.log('  ' + error.dataPath + ' ' + error.message);
  }
}
process.exit(ok ? 0 : 1);
