#!/usr/bin/env bash
# scripts/test-windows.sh (make test-windows): the Windows build, run for real under Wine 10 in
# the Debian 13 root of scripts/wine-root.sh (made once, ~10 minutes, then kept).
#  1. the Windows test binaries of the packages that touch files, paths, SQLite, locks, processes
#     and the clock, and the signed-in account and its groups (access), each run under Wine (go test -exec scripts/wine-run.sh);
#  2. packaging's Wine test: the MSI installed silently with IT's properties, the installed
#     kyukyu-cli.exe on Windows paths, the window under Xvfb, a card read through Wine's
#     winscard.dll, an upgrade to the next build, the uninstall.
# Each run has its own Wine prefix (Windows' C: drive), removed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
KYUKYU_WINE_ROOT_DIR=$(bash scripts/wine-root.sh)
export KYUKYU_WINE_ROOT_DIR
WINEPREFIX=$(mktemp -d /tmp/kyukyu-wine.XXXXXX)
export WINEPREFIX
trap 'bash scripts/wine-run.sh wineserver -k 2>/dev/null || true; rm -rf "$WINEPREFIX"' EXIT
if shared=$(realpath -e ../shared 2>/dev/null); then
	# The MHLW drug list some tests read: bound into the root at the same path (Z:\…).
	export KYUKYU_SHARED=$shared KYUKYU_WINE_BIND=$shared
fi
echo "test-windows: Wine prefix $WINEPREFIX in $KYUKYU_WINE_ROOT_DIR" >&2
# One wineserver for the whole run, started apart from any test's output: one that a test binary
# started would hold that test's pipe open after it ended, and go test would fail the package.
bash scripts/wine-run.sh wineserver -p </dev/null >/dev/null 2>&1
bash scripts/wine-run.sh wineboot --init </dev/null >/dev/null 2>&1

# Left out here, each run by make test on Linux:
#  - Unix file modes (0600/0700): on Windows %AppData% is private by the profile's ACL;
#  - a symlink fixture (Wine's symlinks are not Windows'; creating one needs a privilege there);
#  - tests that read PDFs with poppler or build with the go tool (Linux programs);
#  - a parse-speed bound (native code, the same under Wine; Wine's file reads on a busy machine are not);
#  - tests whose expectations are Unix's own: a path split at its first ':', backslashes escaped by %q,
#    the words of a Unix error (Windows: "Connection refused."), a file made unwritable by its mode.
unix_only='TestPDFWritesTheFile|TestSummaryAndPDFAreLogged|TestOQSTakesOneFilePerFlag|TestBackupAndRestoreCommands|TestUnreachableCentralLogIsOneLine|TestLogIsOwnerOnly|TestOpenHomeMakesTheFolderPrivate|TestDirIsOwnerOnly|TestPrivate|TestMode0600|TestFaceFileVanishedOrNotRegular'
poppler='TestWarningsOnEveryPage|TestReferenceBoxFrameIsNotRed|TestPDFFromOQSFileWithRareCharacters|TestFirstPageOnly|TestEveryCharacterOrASign|TestEveryPageNamesThePatient|TestRareKanjiPatientOnEveryPage|TestKanaOnlyPatientOnEveryPage|TestShinryoTaroGolden|TestHeavyPatientPages|TestFontsEmbeddedAndSubset|TestAlertBoxAndTags|TestCurrentMedicationList|TestAlertHeadingCountsDrugs|TestAlertHeadingDevicesAreNotDrugs|TestAlertHeadingCountsIngredients|TestAnticoagulantWithoutReversalSaysSo|TestAnticoagulantMarkInMargin|TestTrainingWatermarkOnEveryPage|TestEveryTrainingPatientsAlertsOnPaper|TestLongFieldsStayInTheirCells|TestNoRowSplitAcrossPages|TestPDFA2bEssentials|TestWrappedNamesSurviveInPDF'
linux_tools="TestDatasetChangeRebuildsTheStore|TestGoBuildOfACloneNamesItsCommit|$poppler"
timing='TestHugeFileOfEmptyElements'
skip="^($unix_only|$linux_tools|$timing)\$"
echo "test-windows: Windows unit tests under Wine" >&2
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	go test -tags ci -count=1 -timeout 15m -skip "$skip" -exec "bash $root/scripts/wine-run.sh wine" \
	./audit/... ./backup ./internal/... ./oqs ./pdf ./config ./cli ./training ./buildinfo ./access ./staff
# The window's language setting, on a system whose display language no variable changes.
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	go test -tags ci -count=1 -timeout 5m -run 'TestLanguageSettingNotTheSystems|TestEveryTextKeyTranslated' -exec "bash $root/scripts/wine-run.sh wine" ./ui
echo "test-windows: the MSI, the CLI, the window and the card under Wine" >&2
go test -tags ci,e2e,wine -count=1 -timeout 15m -run 'Wine' ./packaging
