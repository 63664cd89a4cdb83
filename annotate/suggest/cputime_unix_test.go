//go:build unix

package suggest

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used, user and system, on
// all its threads: on a machine others load, a benchmark's CPU time per
// operation moves far less than its wall time.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
