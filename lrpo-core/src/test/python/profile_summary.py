"""Self time per operator in a chrome-trace JSON written by libtorch's profiler: DJL's
JniUtils.stopProfile (PolicyBenchmark profile=FILE) or torch's export_chrome_trace
(policy_torch_bench.py --trace FILE), so one forward of both engines can be compared op by op.

  profile_summary.py TRACE.json [rows=15]

Prints the summed duration of the top-level ops, the span from first op start to last op end (the gap
is time spent outside libtorch ops: JNI and Java, or the Python interpreter), and per operator the self
time (its duration minus its nested children) and the call count.
"""
import collections
import json
import sys


def main():
    events = [e for e in json.load(open(sys.argv[1])) if e.get("ph") == "X"]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    events.sort(key=lambda e: (e["ts"], -e["dur"]))
    self_us, calls = collections.Counter(), collections.Counter()
    top_us, top_count, stack = 0.0, 0, []
    for e in events:
        while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
            stack.pop()
        if stack:
            self_us[stack[-1]["name"]] -= e["dur"]
        else:
            top_us += e["dur"]
            top_count += 1
        self_us[e["name"]] += e["dur"]
        calls[e["name"]] += 1
        stack.append(e)
    span = max(e["ts"] + e["dur"] for e in events) - min(e["ts"] for e in events)
    print("top-level ops: %d, %.1f ms; span %.1f ms; outside ops %.1f ms" % (
        top_count, top_us / 1e3, span / 1e3, (span - top_us) / 1e3))
    for name, us in self_us.most_common(rows):
        print("%-34s %8.1f ms %5d calls" % (name, us / 1e3, calls[name]))


if __name__ == "__main__":
    main()
