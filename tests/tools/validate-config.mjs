// Validates config files against oidc-doctor's JSON Schema the way an editor would: YAML parsed
// with the YAML 1.2 core schema, then Ajv (draft 2020-12). Prints one JSON line per file:
// {"file": ..., "valid": true|false, "errors": [...]}. Usage: node validate-config.mjs SCHEMA FILE...
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import YAML from "yaml";

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
for (const file of files) {
  let doc;
  try {
    doc = YAML.parse(readFileSync(file, "utf8"));
  } catch (e) {
    console.log(JSON.stringify({ file, valid: false, errors: [`parse: ${e.message.split("\n")[0]}`] }));
    continue;
  }
  const valid = validate(doc);
  const errors = valid ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
  console.log(JSON.stringify({ file, valid, errors }));
}
