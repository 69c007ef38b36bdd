#!/usr/bin/env python3
"""Vendors the part of Meta's OpenAPI description the app uses (docs/meta-spec/).

Usage: scripts/vendor-meta-spec.py PATH/TO/business-messaging-api_v23.0.yaml COMMIT
(the file of github.com/facebook/openapi at COMMIT; MIT licence, kept beside the output).
Keeps the paths the client calls, with every schema they reference, and drops examples and
descriptions (they are not part of the contract the test checks). Needs PyYAML.
"""
import json
import sys

import yaml

USED = {
    "/{Version}/{Business-ID}": ["get"],
    "/{Version}/{Business-ID}/owned_whatsapp_business_accounts": ["get"],
    "/{Version}/{Business-ID}/client_whatsapp_business_accounts": ["get"],
    "/{Version}/{Business-ID}/extendedcredits": ["get"],
    "/{Version}/{WABA-ID}": ["get"],
    "/{Version}/{WABA-ID}/phone_numbers": ["get"],
    "/{Version}/{WABA-ID}/message_templates": ["get", "post"],
    "/{Version}/{WABA-ID}/subscribed_apps": ["get", "delete"],
    "/{Version}/{WhatsApp-Business-Account-ID}/assigned_users": ["get", "delete"],
    "/{Version}/{Phone-Number-ID}": ["get", "post"],
    "/{Version}/{Phone-Number-ID}/deregister": ["post"],
    "/{Version}/{Phone-Number-ID}/register": ["post"],
    "/{Version}/{Phone-Number-ID}/whatsapp_business_profile": ["get"],
}
# Schemas of other routes that document a field the app reads (Business.verification_status,
# the WABA's message_template_namespace).
EXTRA_SCHEMAS = ["BusinessSummary", "WhatsAppBusinessAccount_1"]
DROP = {"example", "examples", "description", "summary", "x-codeSamples"}


def strip(node, names=False):
    """Drops examples and prose; under `properties` the keys are field names and all stay."""
    if isinstance(node, dict):
        return {
            k: strip(v, names=(k == "properties" and not names))
            for k, v in node.items()
            if names or k not in DROP
        }
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def refs(node, out):
    if isinstance(node, dict):
        r = node.get("$ref")
        if isinstance(r, str) and r.startswith("#/components/schemas/"):
            out.add(r.rsplit("/", 1)[1])
        for v in node.values():
            refs(v, out)
    elif isinstance(node, list):
        for v in node:
            refs(v, out)


def main(path, commit):
    spec = yaml.safe_load(open(path, encoding="utf-8"))
    paths = {}
    for p, methods in USED.items():
        item = spec["paths"][p]
        paths[p] = {m: strip(item[m]) for m in methods if m in item}
    schemas_all = spec["components"]["schemas"]
    wanted, seen = set(EXTRA_SCHEMAS), set()
    refs(paths, wanted)
    while wanted - seen:
        name = sorted(wanted - seen)[0]
        seen.add(name)
        refs(schemas_all.get(name, {}), wanted)
    out = {
        "source": {
            "repository": "https://github.com/facebook/openapi",
            "file": "business-messaging-api_v23.0.yaml",
            "commit": commit,
            "licence": "MIT (docs/meta-spec/LICENSE)",
        },
        "openapi": spec.get("openapi"),
        "paths": paths,
        "components": {"schemas": {n: strip(schemas_all[n]) for n in sorted(seen) if n in schemas_all}},
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
