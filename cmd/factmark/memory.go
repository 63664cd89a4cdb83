package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"syscall"
)

// deskGCPercent is the desk's GOGC: it collects garbage when the heap has
// grown by half over what is live, not by all of it (Go's default), which
// keeps the resident memory of a megabyte article low at a cost of
// milliseconds. Measured on 1 MB + 10k annotations (loaded machine): 25
// would save about 8 MB more in the real window (scripts/memory.sh: 193-197
// against 203-205 MB) but costs about 20% more processor time to open the
// article (BenchmarkDeskOpen10kOverSmall run with GOGC=25 and GOGC=50 in
// turn: 182-242 against 153-180 ms), so the desk stays at 50.
const deskGCPercent = 50

// deskMemory sets the desk's garbage collection, unless the environment set
// GOGC (GOMEMLIMIT, if set, the runtime applies itself).
func deskMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(deskGCPercent)
	}
}

// memReportEnv names a file prefix: when set, the desk writes what its Go
// memory holds each time it gets SIGUSR1, for scripts/memory.sh — PREFIX.txt
// (the runtime's memory classes) and PREFIX.heap (a heap profile for
// `go tool pprof`). Unset, the desk listens for no signal.
const memReportEnv = "FACTMARK_MEMREPORT"

// watchMemReport starts the SIGUSR1 listener when FACTMARK_MEMREPORT is set.
// The heap profile samples at Go's default rate (one allocation in 512 KB),
// as every Go program does, so the process measured holds what it holds
// without the report.
func watchMemReport() {
	prefix := os.Getenv(memReportEnv)
	if prefix == "" {
		return
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGUSR1)
	go func() {
		for range sig {
			if err := writeMemReport(prefix); err != nil {
				fmt.Fprintf(os.Stderr, "factmark: memory report: %v\n", err)
			}
		}
	}()
}

// writeMemReport writes PREFIX.txt and PREFIX.heap. It does not collect
// garbage first: the figures are what the process holds as it is.
func writeMemReport(prefix string) error {
	f, err := os.Create(prefix + ".txt")
	if err != nil {
		return err
	}
	printMemClasses(f)
	if err := f.Close(); err != nil {
		return err
	}
	h, err := os.Create(prefix + ".heap")
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(h, 0); err != nil {
		h.Close()
		return err
	}
	return h.Close()
}

// memClasses are the runtime metrics the report prints, in MB.
var memClasses = []string{
	"/memory/classes/total:bytes",
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/unused:bytes",
	"/memory/classes/heap/free:bytes",
	"/memory/classes/heap/released:bytes",
	"/memory/classes/heap/stacks:bytes",
	"/memory/classes/os-stacks:bytes",
	"/memory/classes/metadata/other:bytes",
	"/memory/classes/metadata/mspan/inuse:bytes",
	"/memory/classes/metadata/mcache/inuse:bytes",
	"/memory/classes/profiling/buckets:bytes",
	"/memory/classes/other:bytes",
	"/gc/heap/live:bytes",
	"/gc/heap/goal:bytes",
	"/gc/gogc:percent",
	"/gc/gomemlimit:bytes",
	"/gc/cycles/total:gc-cycles",
}

func printMemClasses(w io.Writer) {
	samples := make([]metrics.Sample, len(memClasses))
	for i, name := range memClasses {
		samples[i].Name = name
	}
	metrics.Read(samples)
	for _, s := range samples {
		if s.Value.Kind() != metrics.KindUint64 {
			continue
		}
		v := s.Value.Uint64()
		switch {
		case s.Name == "/gc/gomemlimit:bytes" && v > 1<<50:
			fmt.Fprintf(w, "%-45s none\n", s.Name)
		case len(s.Name) > 6 && s.Name[len(s.Name)-6:] == ":bytes":
			fmt.Fprintf(w, "%-45s %7.1f MB\n", s.Name, float64(v)/(1<<20))
		default:
			fmt.Fprintf(w, "%-45s %7d\n", s.Name, v)
		}
	}
	fmt.Fprintf(w, "%-45s %7d\n", "goroutines", runtime.NumGoroutine())
}
