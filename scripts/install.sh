#!/bin/sh
# Builds selfbuy with the Swift runtime linked in and installs it with its systemd unit and shell completions.
#
#   scripts/install.sh                          # build, then install under /usr/local
#   PREFIX=/opt/selfbuy DESTDIR=/tmp/stage scripts/install.sh
#   BINARY=path/to/selfbuy scripts/install.sh   # install an already-built binary (no build)
#
# PREFIX (default /usr/local) is where the files will live and what the unit's ExecStart names; DESTDIR, when set,
# is prepended to every path written (for packaging). SCRATCH_PATH (default .build) is the build folder.
# Installs: PREFIX/bin/selfbuy, PREFIX/lib/systemd/system/selfbuy.service, and completions for bash
# (PREFIX/share/bash-completion/completions/selfbuy), zsh (PREFIX/share/zsh/site-functions/_selfbuy) and fish
# (PREFIX/share/fish/vendor_completions.d/selfbuy.fish). The Swift runtime is linked in; libxml2, SQLite, OpenCC,
# poppler and libcurl stay shared system libraries, and so does mimalloc when the build machine has it
# (libmimalloc2.0; see Package.swift). Building with --static-swift-stdlib needs libcurl's development
# files as well (apt-get install libcurl4-openssl-dev): FoundationNetworking then links libcurl itself.
set -eu

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
SCRATCH_PATH=${SCRATCH_PATH:-.build}
root=$(cd "$(dirname "$0")/.." && pwd)

case $PREFIX in
/*) ;;
*) echo "install.sh: PREFIX must be an absolute path, got $PREFIX" >&2; exit 64 ;;
esac

if [ -z "${BINARY:-}" ]; then
    cd "$root"
    # Any one of these will do (`ls` of all three failed unless every one existed).
    curl_found=
    for candidate in /usr/lib/*/libcurl.so /usr/lib/libcurl.so /usr/lib64/libcurl.so; do
        if [ -e "$candidate" ]; then curl_found=1; fi
    done
    if [ -z "$curl_found" ]; then
        echo "install.sh: a static-stdlib build links libcurl: apt-get install libcurl4-openssl-dev" >&2
        exit 69
    fi
    swift build -c release --static-swift-stdlib --product selfbuy --scratch-path "$SCRATCH_PATH"
    BINARY=$(swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH_PATH" --show-bin-path)/selfbuy
fi
if [ ! -x "$BINARY" ]; then
    echo "install.sh: $BINARY is not an executable" >&2
    exit 66
fi

bin=$DESTDIR$PREFIX/bin
units=$DESTDIR$PREFIX/lib/systemd/system
bash_completions=$DESTDIR$PREFIX/share/bash-completion/completions
zsh_completions=$DESTDIR$PREFIX/share/zsh/site-functions
fish_completions=$DESTDIR$PREFIX/share/fish/vendor_completions.d

mkdir -p "$bin" "$units" "$bash_completions" "$zsh_completions" "$fish_completions"
# Through a temporary name and a rename, so that a running daemon keeps its binary until it restarts.
cp "$BINARY" "$bin/.selfbuy.new"
chmod 755 "$bin/.selfbuy.new"
mv -f "$bin/.selfbuy.new" "$bin/selfbuy"

sed "s|@PREFIX@|$PREFIX|g" "$root/deploy/selfbuy.service" >"$units/selfbuy.service"
chmod 644 "$units/selfbuy.service"

# The completions come from the installed binary itself (swift-argument-parser writes them).
"$bin/selfbuy" --generate-completion-script bash >"$bash_completions/selfbuy"
"$bin/selfbuy" --generate-completion-script zsh >"$zsh_completions/_selfbuy"
"$bin/selfbuy" --generate-completion-script fish >"$fish_completions/selfbuy.fish"
chmod 644 "$bash_completions/selfbuy" "$zsh_completions/_selfbuy" "$fish_completions/selfbuy.fish"

echo "installed $PREFIX/bin/selfbuy ($("$bin/selfbuy" --version)), its systemd unit and bash, zsh and fish completions${DESTDIR:+ under $DESTDIR}"
