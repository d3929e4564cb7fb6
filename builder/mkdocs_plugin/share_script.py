"""The one script an entry page runs: the copy buttons of its share block, and the page's
Content-Security-Policy that lets that script, and nothing else, run.

Pages forbid scripts (``script-src 'none'``, README "Safety"): markup that slipped past the
body cleaning could not run. The share block (theme/bantin/macros.html: ``share``) works
without any script: the address and the Zalo text stand in read-only fields a reader selects
and copies. A "Sao chép" button beside each is a convenience that needs a script (the
clipboard API). It is written into the page itself (inline, 0.6 kB, no request) and the
policy of entry pages names it by its SHA-256 (CSP Level 2, ``'sha256-…'``): any other
script, inline or from a file, even of the site itself, stays refused. The buttons are
``hidden`` until the script shows them, so a reader whose browser runs no script sees no
dead button.

Changing :data:`SCRIPT` changes its hash and the policy with it; both come from here.
"""

from __future__ import annotations

import base64
import hashlib

from markupsafe import Markup

SCRIPT = Markup(
    'document.querySelectorAll("[data-bt-copy]").forEach(function (button) {'
    'var field = document.getElementById(button.getAttribute("data-bt-copy"));'
    'var status = document.getElementById("bt-share-status");'
    "button.hidden = false;"
    'button.addEventListener("click", function () {'
    'var done = function () { status.textContent = button.getAttribute("data-bt-done"); };'
    "field.select();"
    "if (navigator.clipboard && window.isSecureContext) {"
    "navigator.clipboard.writeText(field.value).then(done, function () {"
    'if (document.execCommand("copy")) { done(); } });'
    '} else if (document.execCommand("copy")) { done(); }'
    "});"
    "});"
)
"""The copy buttons' script: each ``[data-bt-copy]`` button copies the field its value names
and says so in ``#bt-share-status`` (a live region) with its ``data-bt-done`` text. Where the
clipboard API is missing or refused, the field is selected and the browser's copy command
tried; at worst the text stays selected for the reader to copy."""

SOURCE = "'sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii") + "'"
""":data:`SCRIPT`'s hash as a CSP source expression."""

NO_SCRIPT = "script-src 'none'; object-src 'none'; base-uri 'none'"
"""The policy of every page that has no share block (listings, plain pages, 404)."""

WITH_SHARE = f"script-src {SOURCE}; object-src 'none'; base-uri 'none'"
"""The policy of an entry page: only :data:`SCRIPT` may run."""
