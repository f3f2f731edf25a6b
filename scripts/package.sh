#!/usr/bin/env bash
# scripts/package.sh (make package): builds, into dist/ and nowhere else,
#   kyukyu-<release>-x64.msi    Windows installer (wixl), per machine, with kyukyu.exe (window, no
#                               console) and kyukyu-cli.exe (console, for the command line)
#   kyukyu_<release>_amd64.deb  Debian package (dpkg-deb)
#   SHA256SUMS
# The release is FyneApp.toml's version and the build number (scripts/version.sh): 0.1.0+367; the
# MSI's ProductVersion is 0.1.367, so each build upgrades the one before (MSI compares three fields).
# Nothing tracked is written: the work happens in a temporary folder.
# Needs: scripts/deps.sh package. SOURCE_DATE_EPOCH, when set, fixes the build date.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
read -r version build < <(bash scripts/version.sh)
release="$version+$build"
IFS=. read -r major minor patch <<<"$version"
msiversion="$major.$minor.$build"
for tool in wixl x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres dpkg-deb dpkg-shlibdeps; do
  command -v "$tool" >/dev/null || { echo "package: $tool is missing: run scripts/deps.sh package (as root)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dist="${KYUKYU_DIST:-$root/dist}" # the package test builds into its own folder
mkdir -p "$dist"
ldflags=$(bash scripts/ldflags.sh)
step() { echo "package: $*" >&2; }

step "icons"
go run scripts/icons.go -src Icon.png -ico "$work/kyukyu.ico" -hicolor "$work/hicolor"

step "Linux build (kyukyu $release)…"
# PIE and stripped (-s -w), as Debian wants its binaries.
go build -buildmode=pie -ldflags "$ldflags -s -w" -o "$work/kyukyu" .

step "THIRD_PARTY_NOTICES"
bash scripts/notices.sh >"$work/THIRD_PARTY_NOTICES.txt"

step "Windows build: version resource and icon"
cat >"$work/kyukyu.rc" <<RC
1 ICON "$work/kyukyu.ico"
1 VERSIONINFO
FILEVERSION $major,$minor,$patch,$build
PRODUCTVERSION $major,$minor,$patch,$build
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "kyukyu project"
      VALUE "FileDescription", "kyukyu emergency summary"
      VALUE "FileVersion", "$release"
      VALUE "InternalName", "kyukyu"
      VALUE "ProductName", "kyukyu"
      VALUE "ProductVersion", "$release"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
RC
x86_64-w64-mingw32-windres -O coff -o "$work/rsrc.o" "$work/kyukyu.rc"
# The resource object goes to the external (MinGW) linker: no .syso in the source tree.
win=(env GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc go build)
mkdir -p "$work/win"
step "Windows build: kyukyu.exe (window)…"
"${win[@]}" -ldflags "$ldflags -H=windowsgui -linkmode=external -extldflags=$work/rsrc.o" -o "$work/win/kyukyu.exe" .
step "Windows build: kyukyu-cli.exe (console)…"
"${win[@]}" -ldflags "$ldflags -linkmode=external -extldflags=$work/rsrc.o" -o "$work/win/kyukyu-cli.exe" .

msi="kyukyu-$release-x64.msi"
step "$msi"
# wixl takes sources relative to the .wxs: everything goes beside it in the work folder.
cp packaging/kyukyu.wxs fonts/OFL.txt fonts/HANAZONO.txt "$work/"
cp LICENSE "$work/LICENSE.txt"
(cd "$work" && wixl -a x64 -D Version="$msiversion" -D Release="$release" -D ExeDir=win -D Icon=kyukyu.ico -D Licence=OFL.txt -D Hanazono=HANAZONO.txt \
  -D License=LICENSE.txt -D Notices=THIRD_PARTY_NOTICES.txt -o "$msi" kyukyu.wxs)

deb="kyukyu_${release}_amd64.deb"
step "$deb"
pkg="$work/deb"
install -D -m 0755 "$work/kyukyu" "$pkg/usr/bin/kyukyu"
install -D -m 0644 packaging/kyukyu.desktop "$pkg/usr/share/applications/kyukyu.desktop"
for d in "$work"/hicolor/*/; do
  size=$(basename "$d")
  install -D -m 0644 "$d/apps/kyukyu.png" "$pkg/usr/share/icons/hicolor/$size/apps/kyukyu.png"
done
doc="$pkg/usr/share/doc/kyukyu"
install -D -m 0644 fonts/OFL.txt "$doc/OFL.txt"
install -D -m 0644 fonts/HANAZONO.txt "$doc/HANAZONO.txt"
install -D -m 0644 "$work/THIRD_PARTY_NOTICES.txt" "$doc/THIRD_PARTY_NOTICES"
gzip -9n "$doc/THIRD_PARTY_NOTICES"
cat >"$doc/copyright" <<COPY
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: kyukyu
Source: https://example.invalid/kyukyu

Files: *
Copyright: 2026 kyukyu project
License: Apache-2.0
 On Debian systems the full text of the Apache License 2.0 is in
 /usr/share/common-licenses/Apache-2.0.
Comment: The Go modules linked into /usr/bin/kyukyu and the embedded fonts
 are under their own licences, reproduced in THIRD_PARTY_NOTICES.gz:
 BIZ UDGothic under the SIL Open Font License 1.1 (OFL.txt), the fallback
 fonts cut from Hanazono Mincho under the Hanazono Font License (HANAZONO.txt).
COPY
# A native package's changelog: this build.
when=$(date -u -R ${SOURCE_DATE_EPOCH:+-d @$SOURCE_DATE_EPOCH})
printf 'kyukyu (%s) unstable; urgency=medium\n\n  * Build %s of kyukyu %s.\n\n -- kyukyu project <kyukyu@example.invalid>  %s\n' \
  "$release" "$build" "$version" "$when" >"$doc/changelog"
gzip -9n "$doc/changelog"
install -D -m 0644 packaging/kyukyu.1 "$pkg/usr/share/man/man1/kyukyu.1"
gzip -9n "$pkg/usr/share/man/man1/kyukyu.1"
# Depends: the packages of the shared libraries the binary links, as dpkg-shlibdeps finds them.
mkdir -p "$work/shlib/debian"
printf 'Source: kyukyu\n\nPackage: kyukyu\nArchitecture: amd64\n' >"$work/shlib/debian/control"
depends=$(cd "$work/shlib" && dpkg-shlibdeps -O "$pkg/usr/bin/kyukyu" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "package: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# GLFW opens the X11 and Wayland libraries at run time (dlopen), so dpkg-shlibdeps cannot see
# them: every one it needs on either display is declared (Vulkan, GLES, OSMesa, libdecor are
# optional fallbacks).
depends="$depends, libx11-6, libxcursor1, libxrandr2, libxinerama1, libxi6, libxext6, libxrender1, libxxf86vm1"
depends="$depends, libxkbcommon0, libwayland-cursor0, libwayland-egl1, libegl1"
mkdir -p "$pkg/DEBIAN"
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: kyukyu
Version: $release
Architecture: amd64
Maintainer: kyukyu project <kyukyu@example.invalid>
Installed-Size: $(du -sk "$pkg/usr" | cut -f1)
Depends: $depends
Recommends: pcscd
Section: misc
Priority: optional
Homepage: https://example.invalid/kyukyu
Description: emergency summary (救急用サマリー) from the My Number card
 Reads the patient's My Number card on a PC/SC reader, fetches the emergency
 summary from the online qualification (OQS) connector and prints it.
 Machine-wide settings: /etc/kyukyu/kyukyu.toml.
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$work/$deb" >/dev/null

(cd "$work" && sha256sum "$msi" "$deb" >SHA256SUMS)
mv -f "$work/$msi" "$work/$deb" "$work/SHA256SUMS" "$dist/"
step "done: dist/$msi, dist/$deb, dist/SHA256SUMS"
