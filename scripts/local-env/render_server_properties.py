"""Render Kafka's server.properties from its template: every @NAME@ becomes $T_NAME.

    T_HOST=... T_JAAS_USERS=... python3 render_server_properties.py TEMPLATE OUTPUT

Fails (exit 1, message on stderr) if a placeholder is left or no PLAIN users were rendered.
"""
import os
import re
import sys

text = open(sys.argv[1]).read()
for key, value in os.environ.items():
    if key.startswith("T_"):
        text = text.replace("@" + key[2:] + "@", value)
left = re.findall(r"@[A-Z_]+@", text)
if left:
    sys.exit("unfilled placeholders in server.properties.in: " + ", ".join(sorted(set(left))))
if 'user_admin="' not in text:
    sys.exit("no PLAIN users rendered")
open(sys.argv[2], "w").write(text)
