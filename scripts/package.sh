#!/usr/bin/env bash
# scripts/package.sh (make package): builds, into dist/ and nowhere else,
#   kyukyu-<version>-x64.msi    Windows installer (wixl), per machine, with kyukyu.exe (window, no
#                               console) and kyukyu-cli.exe (console, for the command line)
#   kyukyu_<version>_amd64.deb  Debian package (dpkg-deb)
#   SHA256SUMS
# The version is FyneApp.toml's. Nothing tracked is written: the work happens in a temporary folder.
# Needs: scripts/deps.sh package. SOURCE_DATE_EPOCH, when set, fixes the build date.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml | head -1)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "package: FyneApp.toml Version \"$version\" is not x.y.z" >&2; exit 1; }
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

step "Linux build (kyukyu $version)…"
go build -ldflags "$ldflags" -o "$work/kyukyu" .

step "Windows build: version resource and icon"
IFS=. read -r major minor patch <<<"$version"
cat >"$work/kyukyu.rc" <<RC
1 ICON "$work/kyukyu.ico"
1 VERSIONINFO
FILEVERSION $major,$minor,$patch,0
PRODUCTVERSION $major,$minor,$patch,0
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "kyukyu project"
      VALUE "FileDescription", "kyukyu emergency summary"
      VALUE "FileVersion", "$version"
      VALUE "InternalName", "kyukyu"
      VALUE "ProductName", "kyukyu"
      VALUE "ProductVersion", "$version"
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

msi="kyukyu-$version-x64.msi"
step "$msi"
# wixl takes sources relative to the .wxs: everything goes beside it in the work folder.
cp packaging/kyukyu.wxs fonts/OFL.txt fonts/HANAZONO.txt "$work/"
(cd "$work" && wixl -a x64 -D Version="$version" -D ExeDir=win -D Icon=kyukyu.ico -D Licence=OFL.txt -D Hanazono=HANAZONO.txt -o "$msi" kyukyu.wxs)

deb="kyukyu_${version}_amd64.deb"
step "$deb"
pkg="$work/deb"
install -D -m 0755 "$work/kyukyu" "$pkg/usr/bin/kyukyu"
install -D -m 0644 packaging/kyukyu.desktop "$pkg/usr/share/applications/kyukyu.desktop"
for d in "$work"/hicolor/*/; do
  size=$(basename "$d")
  install -D -m 0644 "$d/apps/kyukyu.png" "$pkg/usr/share/icons/hicolor/$size/apps/kyukyu.png"
done
install -D -m 0644 fonts/OFL.txt "$pkg/usr/share/doc/kyukyu/OFL.txt"
install -D -m 0644 fonts/HANAZONO.txt "$pkg/usr/share/doc/kyukyu/HANAZONO.txt"
cat >"$pkg/usr/share/doc/kyukyu/copyright" <<COPY
kyukyu $version

The embedded fonts BIZ UDGothic are under the SIL Open Font License 1.1: see OFL.txt.
The embedded fallback fonts cut from Hanazono Mincho (HanaMinA, HanaMinB) are under the
Hanazono Font License: see HANAZONO.txt.
COPY
# Depends: the packages of the shared libraries the binary links, as dpkg-shlibdeps finds them.
mkdir -p "$work/shlib/debian"
printf 'Source: kyukyu\n\nPackage: kyukyu\nArchitecture: amd64\n' >"$work/shlib/debian/control"
depends=$(cd "$work/shlib" && dpkg-shlibdeps -O "$pkg/usr/bin/kyukyu" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "package: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# GLFW opens the X11 libraries at run time (dlopen), so dpkg-shlibdeps cannot see them.
depends="$depends, libx11-6, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1, libxkbcommon0"
mkdir -p "$pkg/DEBIAN"
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: kyukyu
Version: $version
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
