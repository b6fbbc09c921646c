// Builds the site's CSS from GOV.UK Frontend's Sass with the force's own font
// stack and colours, and copies GOV.UK Frontend's JavaScript next to it.
// Output goes to static/build/, which is not committed.
import * as sass from "sass";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const out = join(root, "static", "build");
mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });
mkdirSync(join(out, "images"), { recursive: true });

const result = sass.compile(join(root, "static", "src", "site.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "css", "site.css"), result.css);

const govukDist = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
copyFileSync(join(govukDist, "govuk-frontend.min.js"), join(out, "js", "govuk-frontend.min.js"));
// GOV.UK Frontend's CSS names a crest image (for a footer logo the site does not
// use). The force is not the Crown: that path gets the force's own logo, so the
// stylesheet's references resolve and production's collectstatic finds every file.
copyFileSync(join(root, "static", "img", "logo.svg"), join(out, "images", "govuk-crest.svg"));
console.log(`built ${join(out, "css", "site.css")} (${result.css.length} bytes) and govuk-frontend.min.js`);
