#!/bin/sh
# Makes the man pages swift-argument-parser's generate-manual plugin wrote what man-db and lintian expect,
# in place (make man runs it; running it twice changes nothing):
#
#   packaging/tidy-man.sh MANDIR
#
# - NAME: a page of a subcommand names itself `figwatch alerts`, with a space, which whatis and apropos
#   cannot parse (lexgrog: "parse failed"). It becomes the page's own name, `figwatch.alerts`, what
#   `man -k figwatch` then lists and `man` takes; the synopsis, exit status and authors sections keep
#   spelling the command `figwatch alerts`.
# - A blank line (the plugin's paragraph break) makes groff warn; it becomes `.Pp`, or goes where a macro
#   that starts a block of its own follows.
set -eu
mandir=$1
for page in "$mandir"/*.1; do
    awk '
        # The first .Nm of the NAME section, "figwatch sub command" -> figwatch.sub.command; every bare
        # .Nm after it (the synopsis) spells the command as typed.
        section == "NAME" && !named && /^\.Nm "/ {
            command = $0
            sub(/^\.Nm "/, "", command); sub(/"$/, "", command)
            name = command; gsub(/ /, ".", name)
            print ".Nm " name
            named = 1
            next
        }
        /^\.Sh / { section = $2 }
        named && command != "" && $0 == ".Nm" { print ".Nm \"" command "\""; next }
        named && command != "" && $0 == ".Ex -std" { print ".Ex -std \"" command "\""; next }
        # A blank line: held until the next line says whether a paragraph break is needed.
        /^$/ { pending = 1; next }
        {
            if (pending && $0 !~ /^\.(Sh|Ss|Bl|El|It|Pp)( |$)/) print ".Pp"
            pending = 0
            print
        }
    ' "$page" > "$page.tidy"
    mv "$page.tidy" "$page"
done
