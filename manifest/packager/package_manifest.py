#!/usr/bin/env python3
"""Build the Teams app package (appPackage.zip) for PartnerBot.

Fills the bot's Microsoft App ID into manifest/manifest.json and zips the filled
manifest with the two icons at the root of the archive. The entry point is
scripts/package-manifest, and its --help lists the options.
"""

import argparse
import json
import os
import re
import sys
import zipfile
from pathlib import Path

APP_ID_KEY = "MicrosoftAppId"
APP_ID_TOKEN = "${{MicrosoftAppId}}"
GUID_PATTERN = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
NIL_GUID = "00000000-0000-0000-0000-000000000000"

# 1980-01-01 is the earliest time a zip entry can store. A fixed time makes the
# archive identical for identical input.
ZIP_ENTRY_TIME = (1980, 1, 1, 0, 0, 0)

REPO_ROOT = Path(__file__).resolve().parents[2]
MANIFEST_DIR = REPO_ROOT / "manifest"


class PackagingError(Exception):
    """A problem with the configuration or the template that the user must fix."""


def strip_json_comments(text):
    """Remove // and /* */ comments and trailing commas outside JSON strings.

    .NET's JSON configuration provider accepts both in appsettings.json, so this
    reads the same files it does. Comments become spaces and line breaks stay, so
    json.loads still reports the original line numbers.
    """
    output = []
    i = 0
    in_string = False
    while i < len(text):
        char = text[i]
        pair = text[i:i + 2]

        if in_string:
            output.append(char)
            if char == "\\" and i + 1 < len(text):
                output.append(text[i + 1])
                i += 2
                continue
            if char == '"':
                in_string = False
            i += 1
        elif char == '"':
            in_string = True
            output.append(char)
            i += 1
        elif pair == "//":
            end = text.find("\n", i)
            end = len(text) if end == -1 else end
            output.append(" " * (end - i))
            i = end
        elif pair == "/*":
            end = text.find("*/", i + 2)
            if end == -1:
                raise PackagingError("a /* comment is not closed with */")
            comment = text[i:end + 2]
            output.append("".join("\n" if c == "\n" else " " for c in comment))
            i = end + 2
        else:
            output.append(char)
            i += 1

    return remove_trailing_commas("".join(output))


def remove_trailing_commas(text):
    """Remove each comma that is followed only by whitespace and then } or ]."""
    output = []
    in_string = False
    i = 0
    while i < len(text):
        char = text[i]
        if in_string:
            output.append(char)
            if char == "\\" and i + 1 < len(text):
                output.append(text[i + 1])
                i += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
            output.append(char)
        elif char == ",":
            rest = text[i + 1:].lstrip()
            if not rest.startswith(("}", "]")):
                output.append(char)
        else:
            output.append(char)
        i += 1
    return "".join(output)


def read_app_id_from_settings(settings_path):
    """Return the top-level MicrosoftAppId of an appsettings.json file, or None if it is absent.

    The key is matched case-insensitively, as .NET configuration does.
    """
    if not settings_path.is_file():
        raise PackagingError(
            f"{APP_ID_KEY} is not set in the environment and {settings_path} does not exist. "
            f"Set the environment variable {APP_ID_KEY} to the bot's Microsoft App ID.")

    text = settings_path.read_text(encoding="utf-8-sig")
    try:
        settings = json.loads(strip_json_comments(text))
    except (json.JSONDecodeError, PackagingError) as error:
        raise PackagingError(f"{settings_path} is not valid JSON: {error}") from error

    if not isinstance(settings, dict):
        raise PackagingError(f"{settings_path} must contain a JSON object at the top level.")

    for key, value in settings.items():
        if key.lower() == APP_ID_KEY.lower():
            if not isinstance(value, str):
                raise PackagingError(
                    f"{APP_ID_KEY} in {settings_path} must be a string containing a GUID, "
                    f"not {json.dumps(value)}.")
            return value

    return None


def resolve_app_id(settings_path):
    """Return the app id and a description of where it came from.

    A non-empty environment variable overrides appsettings.json, as it does in
    the bot's own configuration.
    """
    from_environment = os.environ.get(APP_ID_KEY, "").strip()
    if from_environment:
        return from_environment, f"environment variable {APP_ID_KEY}"

    from_settings = read_app_id_from_settings(settings_path)
    if from_settings is None or not from_settings.strip():
        raise PackagingError(
            f"{APP_ID_KEY} is missing. Set the environment variable {APP_ID_KEY}, or the "
            f"top-level key \"{APP_ID_KEY}\" in {settings_path}, to the bot's Microsoft App ID "
            f"(the GUID of its Azure Bot registration).")

    return from_settings.strip(), f"key {APP_ID_KEY} in {settings_path}"


def validate_app_id(app_id, source):
    if not GUID_PATTERN.match(app_id):
        raise PackagingError(
            f"{APP_ID_KEY} from {source} is not a GUID: \"{app_id}\". Expected the bot's "
            f"Microsoft App ID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (hex digits).")

    if app_id == NIL_GUID:
        raise PackagingError(
            f"{APP_ID_KEY} from {source} is the empty GUID {NIL_GUID}. "
            f"Use the Microsoft App ID of the bot's Azure Bot registration.")


def fill_manifest(template_path, app_id):
    """Return the manifest text with the app id in place of every token, after checking the result."""
    template = template_path.read_text(encoding="utf-8-sig")
    if APP_ID_TOKEN not in template:
        raise PackagingError(f"{template_path} does not contain the token {APP_ID_TOKEN}.")

    # Plain text replacement is safe because a GUID needs no JSON escaping.
    filled = template.replace(APP_ID_TOKEN, app_id)

    try:
        manifest = json.loads(filled)
    except json.JSONDecodeError as error:
        raise PackagingError(f"the filled manifest from {template_path} is not valid JSON: {error}") from error

    leftover = re.search(r"\$\{\{[^}]*\}\}", filled)
    if leftover:
        raise PackagingError(
            f"{template_path} contains the token {leftover.group(0)}, which this script does not fill.")

    bot_ids = [bot.get("botId") for bot in manifest.get("bots", [])]
    if manifest.get("id") != app_id or bot_ids != [app_id]:
        raise PackagingError(
            f"{template_path} must use {APP_ID_TOKEN} for \"id\" and for the botId of its single bot.")

    return filled, manifest


def icon_paths(manifest):
    """Return the icon files that the manifest names, relative to manifest/."""
    paths = []
    for kind in ("color", "outline"):
        relative = manifest.get("icons", {}).get(kind)
        if not relative:
            raise PackagingError(f"the manifest has no icons.{kind}.")

        path = (MANIFEST_DIR / relative).resolve()
        if MANIFEST_DIR.resolve() not in path.parents:
            raise PackagingError(f"icons.{kind} must be a path inside manifest/, not \"{relative}\".")
        if not path.is_file():
            raise PackagingError(f"icons.{kind} names {path}, which does not exist.")

        paths.append((relative, path))
    return paths


def write_package(output_path, manifest_text, icons):
    """Write the zip through a temporary file, so a failed run leaves no partial archive."""
    output_path.parent.mkdir(parents=True, exist_ok=True)
    temporary_path = output_path.with_name(output_path.name + ".tmp")

    entries = [("manifest.json", manifest_text.encode("utf-8"))]
    entries += [(relative, path.read_bytes()) for relative, path in icons]

    with zipfile.ZipFile(temporary_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_ENTRY_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

    os.replace(temporary_path, output_path)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="package-manifest",
        description=(
            "Build the Teams app package for PartnerBot. The bot's Microsoft App ID comes from "
            f"the environment variable {APP_ID_KEY} if it is set and not empty, otherwise from "
            f"the top-level key {APP_ID_KEY} in appsettings.json. It is written into the "
            "manifest's id and bots[0].botId."))
    parser.add_argument(
        "--appsettings", type=Path, metavar="FILE", default=REPO_ROOT / "appsettings.json",
        help="appsettings.json file to read the app id from (default: the repository's appsettings.json)")
    parser.add_argument(
        "--output", type=Path, metavar="FILE", default=MANIFEST_DIR / "build" / "appPackage.zip",
        help="zip file to write (default: manifest/build/appPackage.zip)")
    return parser.parse_args(argv)


def main(argv):
    arguments = parse_arguments(argv)

    try:
        app_id, source = resolve_app_id(arguments.appsettings)
        validate_app_id(app_id, source)
        manifest_text, manifest = fill_manifest(MANIFEST_DIR / "manifest.json", app_id)
        write_package(arguments.output, manifest_text, icon_paths(manifest))
    except PackagingError as error:
        print(f"package-manifest: error: {error}", file=sys.stderr)
        return 1

    print(f"Wrote {arguments.output} for app id {app_id} (from {source}).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
