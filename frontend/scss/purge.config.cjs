// PurgeCSS for the design system's stylesheet (scripts/design.sh): keeps a govuk-frontend
// rule only where the markup of frontend/ names its classes: the templates, the forms'
// Python (frontend/forms/rendering.py gives widgets their classes) and the pages' scripts.
// Buurtwijzer's own rules (bw-…) are all kept: they are written for the pages already.
module.exports = {
  content: [
    "frontend/templates/**/*.html",
    "frontend/**/*.py",
    "frontend/static/frontend/js/*.js",
  ],
  safelist: { standard: [/^bw-/], deep: [/^bw-/] },
};
