#!/usr/bin/env bash
# Runs dlref's benchmark workloads (./dlref bench) and their Python twins (bench/pytorch_mlp.py in PyTorch
# float64, bench/micrograd_scalar.py in pure Python) with the same thread count and timing settings, then
# prints samples per second side by side, the ratios, and the targets of issues 10 and 20.
#
# Usage: bench/compare.sh [--threads N] [--warmup S] [--rounds N] [--round-time S] [--out DIR]
#                         [--maven-repo DIR] [--no-dl4j]
# Defaults: threads 2, warm-up 3 s, 5 rounds of 2 s. Needs a JDK 17+ and /usr/bin/python3 with torch
# (Debian's python3-torch). The raw JSON documents are kept in DIR (default: a temporary directory).
# large-fashion is also run on DL4J 1.0.0-M2.1 (bench/dl4j, a separate Maven project: the main build never
# downloads DL4J; the first run downloads about 100 MB from Maven Central, into --maven-repo DIR if given, else
# Maven's default local repository), with N threads and with 1; --no-dl4j leaves it out.
# PyTorch uses the system BLAS: install Debian's libopenblas0-pthread first, or its products run on the
# reference BLAS (about 3 GFLOP/s instead of 45 here) and the comparison means nothing.
# Timings are wall-clock: the load average before and after each side is printed with the numbers.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads=2
warmup=3
rounds=5
round_time=2
out=""
maven_repo=""
dl4j=1
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --round-time) round_time="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --maven-repo) maven_repo="$2"; shift 2 ;;
    --no-dl4j) dl4j=0; shift ;;
    *) echo "compare.sh: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
if [ -z "$out" ]; then
  out="$(mktemp -d)"
fi
mkdir -p "$out"
python=/usr/bin/python3
# the Java Vector API for dlref's products and the serial collector (as ./dlref runs them); the JVM's one-line incubator notice goes to stderr
java=(java -XX:+UseSerialGC --add-modules jdk.incubator.vector)
timing=(--warmup "$warmup" --rounds "$rounds" --round-time "$round_time")

# build the command-line jar if needed (./dlref does), then run a copy of it, so that a rebuild of the tree
# during the measurement cannot change or break the jar being measured
"$root/dlref" --version > /dev/null
cp "$root/cli/target/dlref.jar" "$out/dlref.jar"
if [ "$dl4j" = 1 ]; then
  mvn_args=(-B -q -f "$root/bench/dl4j/pom.xml")
  if [ -n "$maven_repo" ]; then
    mvn_args+=("-Dmaven.repo.local=$maven_repo")
  fi
  "$root/mvnw" "${mvn_args[@]}" package
  dl4j_cp="$root/bench/dl4j/target/classes:$(cat "$root/bench/dl4j/target/classpath.txt")"
fi
echo "compare.sh: uptime before: $(uptime)" >&2
"${java[@]}" -jar "$out/dlref.jar" bench --format json --threads "$threads" "${timing[@]}" > "$out/dlref.json"
# the engine's own overhead: plain path (EJML's single-threaded kernels) against the baseline on the same kernels
"${java[@]}" -jar "$out/dlref.jar" bench --format json --products reference --threads 1 --workload large-fashion \
  --workload large-fashion-ejml-plain "${timing[@]}" > "$out/dlref-plain.json"
# the large workload once more with one thread on each side
"${java[@]}" -jar "$out/dlref.jar" bench --format json --threads 1 --workload large-fashion "${timing[@]}" > "$out/dlref-1.json"
"$python" "$root/bench/pytorch_mlp.py" --threads "$threads" "${timing[@]}" > "$out/pytorch.json"
"$python" "$root/bench/pytorch_mlp.py" --threads 1 --workload large-fashion "${timing[@]}" > "$out/pytorch-1.json"
"$python" "$root/bench/micrograd_scalar.py" "${timing[@]}" > "$out/micrograd.json"
if [ "$dl4j" = 1 ]; then
  # ND4J's OpenMP threads and OpenBLAS's threads, limited before the JVM loads them (the class sets both again);
  # passive OpenMP waiting as for PyTorch: with libgomp's default spinning, DL4J's 2-thread step took about 6x longer
  # than with PASSIVE on the shared 2-core machine (164 against 943 samples/s, load average 37)
  dl4j_env=(OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}")
  env "${dl4j_env[@]}" OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" java -cp "$dl4j_cp" io.github.dlref.bench.dl4j.Dl4jMlp \
    --threads "$threads" "${timing[@]}" > "$out/dl4j.json" 2> "$out/dl4j.log"
  env "${dl4j_env[@]}" OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -cp "$dl4j_cp" io.github.dlref.bench.dl4j.Dl4jMlp \
    --threads 1 "${timing[@]}" > "$out/dl4j-1.json" 2> "$out/dl4j-1.log"
fi
echo "compare.sh: uptime after: $(uptime)" >&2

"$python" - "$out" <<'EOF'
import json, os, sys
out = sys.argv[1]
docs = {k: json.load(open("%s/%s.json" % (out, k)))
        for k in ("dlref", "dlref-plain", "dlref-1", "pytorch", "pytorch-1", "micrograd", "dl4j", "dl4j-1")
        if os.path.exists("%s/%s.json" % (out, k))}
rate = {k: {r["workload"]: r["medianSamplesPerSecond"] for r in d["results"]} for k, d in docs.items()}
env = docs["dlref"]["environment"]
print("dlref: products %s (%s), threads %d, Java %s, load %.2f -> %.2f" % (env["products"],
      env.get("productKernel", "?"), env["threads"], env["javaVersion"], env["loadAverageBefore"],
      env["loadAverageAfter"]))
if "peakGflopsPerThread" in env:
    print("dlref: measured peak %.2f GFLOP/s per thread (%s)" % (env["peakGflopsPerThread"], env["peakLoop"]))
for k in ("pytorch", "micrograd", "dl4j"):
    if k not in docs:
        continue
    e = docs[k]["environment"]
    print("%s: %s%s, load %.2f -> %.2f" % (k, e["implementation"],
          ", OMP_WAIT_POLICY=%s" % e["ompWaitPolicy"] if "ompWaitPolicy" in e else "",
          e["loadAverageBefore"], e["loadAverageAfter"]))
print()
print("%-26s %14s %14s %9s  %s" % ("workload", "dlref samp/s", "other samp/s", "ratio", "target"))
rows = [("small-222", "pytorch", 3.0, ">= 3x PyTorch"),
        ("small-spiral", "pytorch", 3.0, ">= 3x PyTorch"),
        ("large-fashion", "pytorch", 1.0, ">= 1.0x PyTorch float64 (issue 20)"),
        ("scalar-micrograd", "micrograd", 50.0, ">= 50x pure-Python micrograd")]
for name, other, target, text in rows:
    mine, theirs = rate["dlref"][name], rate[other][name]
    ratio = mine / theirs
    print("%-26s %14.1f %14.1f %8.2fx  %s: %s" % (name, mine, theirs, ratio, text, "met" if ratio >= target else "NOT met"))
mine, theirs = rate["dlref-1"]["large-fashion"], rate["pytorch-1"]["large-fashion"]
print("%-26s %14.1f %14.1f %8.2fx  (1 thread each; target >= 1.0x)" % ("large-fashion, 1 thread", mine, theirs,
      mine / theirs))
if "dl4j" in docs:
    print()
    print("large-fashion side by side (samples/s; ratio = dlref / other; issue 20: ahead of DL4J):")
    print("  %-10s %12s %12s %12s %10s %10s" % ("threads", "dlref", "PyTorch", "DL4J", "vs PyTorch", "vs DL4J"))
    for label, d, p, j in ((str(env["threads"]), "dlref", "pytorch", "dl4j"), ("1", "dlref-1", "pytorch-1", "dl4j-1")):
        mine = rate[d]["large-fashion"]
        torch, dl = rate[p]["large-fashion"], rate[j]["large-fashion"]
        print("  %-10s %12.1f %12.1f %12.1f %9.2fx %9.2fx" % (label, mine, torch, dl, mine / torch, mine / dl))
print()
print("large-fashion products (0.82 MFLOP per sample, zero terms included): dlref %.2f GFLOP/s with %d threads (%.0f%% of the measured"
      " peak), %.2f with 1 thread (%.0f%%)" % (
      next(r["medianGflops"] for r in docs["dlref"]["results"] if r["workload"] == "large-fashion"), env["threads"],
      100 * next(r["fractionOfPeak"] for r in docs["dlref"]["results"] if r["workload"] == "large-fashion"),
      next(r["medianGflops"] for r in docs["dlref-1"]["results"] if r["workload"] == "large-fashion"),
      100 * next(r["fractionOfPeak"] for r in docs["dlref-1"]["results"] if r["workload"] == "large-fashion")))
print()
print("engine against the hand-written EJML baseline (time ratio engine / baseline; target <= 1.15):")
for label, doc, base in (("fast path, %d threads, vs EJML's best kernels" % env["threads"], "dlref", "large-fashion-ejml"),
                         ("plain path, 1 thread, vs the same EJML kernels", "dlref-plain", "large-fashion-ejml-plain")):
    engine, baseline = rate[doc]["large-fashion"], rate[doc][base]
    slowdown = baseline / engine
    print("  %-48s engine %9.1f, baseline %9.1f samples/s: %.3fx %s"
          % (label, engine, baseline, slowdown, "met" if slowdown <= 1.15 else "NOT met"))
print()
print("raw JSON: %s/{%s}.json" % (out, ",".join(docs)))
EOF
