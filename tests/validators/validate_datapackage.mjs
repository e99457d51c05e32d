// validate_datapackage.mjs DESCRIPTOR: validates a Data Package with Frictionless
// Data's JavaScript library: the descriptor against its profile, then every row
// of every resource cast against its Table Schema (types, constraints, enum,
// missingValues, primary key). Prints "valid" and exits 0, or the errors and 1.
import path from 'node:path';
import dp from 'datapackage';

const descriptor = process.argv[2];
const errors = [];
const pkg = await dp.Package.load(descriptor, { basePath: path.dirname(descriptor) });
if (!pkg.valid) errors.push(...pkg.errors.map((e) => `package: ${e.message}`));
for (const r of pkg.resources) {
  if (!r.valid) errors.push(...r.errors.map((e) => `${r.name}: ${e.message}`));
  if (!r.tabular) { errors.push(`${r.name}: not a tabular resource`); continue; }
  try {
    const rows = await r.read({ keyed: true, cast: true });
    console.log(`${r.name}: ${rows.length} rows`);
  } catch (e) {
    const inner = e.errors && e.errors.length ? e.errors.map((x) => x.message) : [e.message];
    errors.push(...inner.slice(0, 20).map((m) => `${r.name}: ${m}`));
  }
}
if (errors.length) { console.log(errors.join('\n')); process.exit(1); }
console.log('valid');
