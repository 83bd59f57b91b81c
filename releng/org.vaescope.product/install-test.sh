#!/usr/bin/env bash
# Install test: installs the built update site into the stock platform product (no VAEScope) with the
# p2 director, checks bundles.info, runs VAEScope headless inside that installation (bundles resolve,
# ND4J natives load, a model is described, trained and analysed), opens the installed IDE in the VAEScope
# perspective under the current X display and saves a screenshot, then uninstalls and checks that
# nothing of VAEScope is left. Before that, it plans the site's install for every platform it serves and checks
# that each selects only its own native fragment.
# Usage: install-test.sh PLATFORM_PRODUCT_DIR UPDATE_SITE_REPO PRODUCT_REPO WORK_DIR
# (PRODUCT_REPO: the IDE product's repository, for the platform bundles and the demo-workspace feature)
set -euo pipefail
platform="$1" site="$(cd "$2" && pwd)" product_repo="$(cd "$3" && pwd)" work="$4"
features=org.vaescope.feature.feature.group,org.vaescope.cli.feature.feature.group
ide_feature=org.vaescope.ide.feature.feature.group
rm -rf "$work" && mkdir -p "$work/screenshots"
eclipse="$work/eclipse"
cp -a "$platform" "$eclipse"
bundles_info="$eclipse/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"
step_start=0
step() { step_start=$(date +%s); echo "install-test: $*"; }
took() { echo "install-test:   ... $(( $(date +%s) - step_start )) s"; }
fail() { echo "install-test: FAILED: $*" >&2; exit 1; }
director() {
  "$eclipse/vaescope-ide" -nosplash -application org.eclipse.equinox.p2.director \
    -destination "$eclipse" -profile DefaultProfile "$@" > "$work/director.log" 2>&1 \
    || { cat "$work/director.log" >&2; fail "p2 director $*"; }
}

screenshot() { xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > "$work/screenshots/$1.png"; }
ide_window() {
  local w
  w=$(xdotool search --onlyvisible --name 'VAEScope|Eclipse|ide-workspace' | head -n 1 || true)
  [ -n "$w" ] || fail "no IDE window on display $DISPLAY"
  xdotool windowfocus "$w" && sleep 1 && echo "$w"
}
# File > Exit through the menu's mnemonics, as a user would; the workbench then saves its layout.
exit_ide() {
  ide_window >/dev/null && xdotool key alt+f && sleep 2 && xdotool key x
  for _ in $(seq 60); do kill -0 "$ide" 2>/dev/null || break; sleep 1; done
  if kill -0 "$ide" 2>/dev/null; then
    screenshot exit-failed; kill "$ide"; fail "File > Exit did not close the IDE (see screenshots/exit-failed.png)"
  fi
  wait "$ide" 2>/dev/null || true
}

grep -q '^org\.vaescope\.' "$bundles_info" && fail "the stock platform already holds VAEScope bundles"

# os ws arch fragment-suffix: the platforms whose natives the site carries
platforms=("linux gtk x86_64 linux.x86_64" "linux gtk aarch64 linux.aarch64" "macosx cocoa x86_64 macosx.x86_64"
  "macosx cocoa aarch64 macosx.aarch64" "win32 win32 x86_64 win32.x86_64")
step "installing VAEScope for each platform into a throw-away destination (p2.os/ws/arch): only its natives come"
for p in "${platforms[@]}"; do
  read -r os ws arch suffix <<< "$p"
  plan="$work/plan-$os-$arch"
  # org.eclipse.swt.buildtime: SWT's own platform fragments are not in these repositories (linux only)
  "$eclipse/vaescope-ide" -nosplash -application org.eclipse.equinox.p2.director \
    -repository "file:$site,file:$product_repo" -installIU org.vaescope.feature.feature.group \
    -destination "$plan" -profile "Plan-$os-$arch" -p2.os "$os" -p2.ws "$ws" -p2.arch "$arch" \
    -profileProperties org.eclipse.swt.buildtime=true > "$work/plan-$os-$arch.log" 2>&1 \
    || { cat "$work/plan-$os-$arch.log" >&2; fail "planning the install for $os/$ws/$arch"; }
  fragments=$(find "$plan" -path '*/plugins/org.vaescope.dl4j.runtime.*' -prune -printf '%f\n' | sort)
  [ "$(printf '%s\n' "$fragments" | grep -c .)" = 1 ] && [[ "$fragments" == org.vaescope.dl4j.runtime.${suffix}_* ]] \
    || fail "the install for $os/$arch selected the native fragments [$fragments], expected only org.vaescope.dl4j.runtime.$suffix"
  echo "install-test:   $os/$ws/$arch: $fragments ($(du -sm "$plan" | cut -f1) MB installed)"
  rm -rf "$plan"
done
took

step "installing $features from $site"
director -repository "file:$site" -installIU "$features"
took
for b in org.vaescope.dl4j.runtime org.vaescope.dl4j.runtime.linux.x86_64 org.vaescope.script org.vaescope.metrics org.vaescope.core org.vaescope.cli org.vaescope.ui; do
  grep -q "^$b," "$bundles_info" || fail "$b is not in bundles.info"
done

step "training, describing and analysing a model headless inside the installation (application org.vaescope.cli)"
headless="$work/headless"
mkdir -p "$headless/models"
cat > "$headless/smoke.vis" <<'SCRIPT'
vaescope 1
model "models/betavae-dsprites.vsm"
dataset dsprites(size=32)
samples 50
seed 7
perturb latent all by -1..1 step 1
traverse latent all range -2..2 steps 3
report json "smoke.json"
SCRIPT
vaescope() {
  "$eclipse/vaescope-ide" -nosplash -data "$work/headless-workspace" -application org.vaescope.cli "$@" \
    >> "$work/headless.log" 2>&1 || { cat "$work/headless.log" >&2; fail "vaescope $*"; }
}
vaescope train --variant betavae --dataset dsprites:size=32 --arch mlp --steps 30 --seed 1 \
  --out "$headless/models/betavae-dsprites.vsm"
vaescope describe "$headless/models/betavae-dsprites.vsm"
vaescope run "$headless/smoke.vis"
took
grep -q "encoder" "$work/headless.log" || fail "describe printed no encoder layer (see $work/headless.log)"
[ -s "$headless/smoke-out/smoke.json" ] || fail "the analysis wrote no report"

step "running Analyse inside the installed IDE on display ${DISPLAY:-none}"
if [ -n "${DISPLAY:-}" ]; then
  # the demo-workspace feature of the IDE product brings the start-up trigger (-Dvaescope.analyse) and the importer
  director -repository "file:$product_repo" -installIU "$ide_feature"
  features="$features,$ide_feature"
  cat > "$headless/.project" <<'PROJECT'
<?xml version="1.0" encoding="UTF-8"?>
<projectDescription><name>smoke</name><comment></comment><projects/><buildSpec/><natures/></projectDescription>
PROJECT
  ide_workspace="$work/ide-workspace"
  command -v xdotool >/dev/null || fail "xdotool is needed to drive the IDE's menus (apt-get install xdotool)"
  "$eclipse/vaescope-ide" -nosplash -data "$ide_workspace" -application org.vaescope.ide.workspace.importProjects \
    "$headless" > "$work/import.log" 2>&1 || { cat "$work/import.log" >&2; fail "importing the project"; }
  # as if the user had ticked "Always exit without prompt"
  ide_prefs="$ide_workspace/.metadata/.plugins/org.eclipse.core.runtime/.settings"
  mkdir -p "$ide_prefs" && echo EXIT_PROMPT_ON_CLOSE_LAST_WINDOW=false >> "$ide_prefs/org.eclipse.ui.ide.prefs"
  analysis="$headless/models/betavae-dsprites.vsa"
  VAESCOPE_IDE_VMARGS="-Dvaescope.analyse=smoke/models/betavae-dsprites.vsm" \
    "$eclipse/vaescope-ide" -nosplash -data "$ide_workspace" -perspective org.vaescope.ui.perspective \
    > "$work/ide.log" 2>&1 &
  ide=$!
  waited=0
  until [ -s "$analysis" ]; do
    kill -0 "$ide" 2>/dev/null || { cat "$work/ide.log" >&2; fail "the IDE exited early"; }
    [ "$waited" -lt "${INSTALL_TEST_ANALYSIS_WAIT:-600}" ] || { kill "$ide"; fail "no $analysis after $waited s"; }
    sleep 5; waited=$((waited + 5))
  done
  echo "install-test:   Analyse wrote $(basename "$analysis") after about $waited s in the IDE"
  sleep "${INSTALL_TEST_RENDER_WAIT:-20}"  # the editor opens and the views draw the analysis
  screenshot installed-ide
  took

  step "the layout the user leaves survives a restart (maximise the analysis editor, File > Exit, start again)"
  layout="$ide_workspace/.metadata/.plugins/org.eclipse.e4.workbench/workbench.xmi"
  ide_window >/dev/null && xdotool key ctrl+m  # maximise the active part: the analysis editor just opened
  sleep 3
  screenshot layout-changed
  exit_ide
  grep -q 'Maximized' "$layout" || fail "the saved layout $layout has no maximised part"
  "$eclipse/vaescope-ide" -nosplash -data "$ide_workspace" -perspective org.vaescope.ui.perspective \
    >> "$work/ide.log" 2>&1 &
  ide=$!
  sleep "${INSTALL_TEST_IDE_WAIT:-60}"
  kill -0 "$ide" 2>/dev/null || { cat "$work/ide.log" >&2; fail "the IDE exited early on restart"; }
  screenshot layout-restored
  rm "$layout"
  exit_ide
  grep -q 'Maximized' "$layout" || fail "after a restart the layout lost the maximised editor ($layout)"
  echo "install-test:   restored: $work/screenshots/layout-changed.png and layout-restored.png"
  if grep -qs "!ENTRY org.vaescope" "$ide_workspace/.metadata/.log"; then
    cat "$ide_workspace/.metadata/.log" >&2; fail "VAEScope logged errors in the IDE"
  fi
  echo "install-test:   screenshot $work/screenshots/installed-ide.png"
else
  echo "install-test:   skipped: no DISPLAY (run under xvfb-run)"
fi
took

step "uninstalling"
director -uninstallIU "$features"
took
if grep '^org\.vaescope\.' "$bundles_info"; then fail "VAEScope bundles left in bundles.info"; fi
echo "install-test: passed"
