"""The Content-Security-Policy of every answer (django-csp; the policy itself is
CONTENT_SECURITY_POLICY in the settings), with what the settings cannot know yet: the hashes
of the stylesheets the templates write into pages (frontend/templatetags/inline_static.py)."""

from csp.middleware import CSPMiddleware, PolicyParts

from frontend.templatetags.inline_static import inlined_style_hashes


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if "style-src" not in (parts.replace or {}):
            # A view that replaces style-src (the API docs) says all it needs itself.
            update = dict(parts.update or {})
            update["style-src"] = [*update.get("style-src", ()), *inlined_style_hashes()]
            parts.update = update
        return parts
