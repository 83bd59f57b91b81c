#!/usr/bin/env bash
# Install test: installs the built update site into the stock platform product (no VAEScope) with the
# p2 director, checks bundles.info, runs VAEScope headless inside that installation (bundles resolve,
# ND4J natives load, a model is described, trained and analysed), opens the installed IDE in the VAEScope
# perspective under the current X display and saves a screenshot, then uninstalls and checks that
# nothing of VAEScope is left. Usage: install-test.sh PLATFORM_PRODUCT_DIR UPDATE_SITE_REPO WORK_DIR
set -euo pipefail
platform="$1" site="$(cd "$2" && pwd)" work="$3"
features=org.vaescope.feature.feature.group,org.vaescope.cli.feature.feature.group
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

grep -q '^org\.vaescope\.' "$bundles_info" && fail "the stock platform already holds VAEScope bundles"

step "installing $features from $site"
director -repository "file:$site" -installIU "$features"
took
for b in org.vaescope.dl4j.runtime org.vaescope.script org.vaescope.metrics org.vaescope.core org.vaescope.cli org.vaescope.ui; do
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

step "opening the installed IDE in the VAEScope perspective on display ${DISPLAY:-none}"
if [ -n "${DISPLAY:-}" ]; then
  "$eclipse/vaescope-ide" -nosplash -data "$work/ide-workspace" -perspective org.vaescope.ui.perspective \
    > "$work/ide.log" 2>&1 &
  ide=$!
  sleep "${INSTALL_TEST_IDE_WAIT:-60}"  # the workbench needs no longer on 2 busy cores
  kill -0 "$ide" 2>/dev/null || { cat "$work/ide.log" >&2; fail "the IDE exited early"; }
  xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > "$work/screenshots/installed-ide.png"
  kill "$ide"; wait "$ide" 2>/dev/null || true
  if grep -qs "!ENTRY org.vaescope" "$work/ide-workspace/.metadata/.log"; then
    cat "$work/ide-workspace/.metadata/.log" >&2; fail "VAEScope logged errors in the IDE"
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
