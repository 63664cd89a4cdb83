//go:build !linux

package main

// dropReadPages does nothing where madvise and /proc/self/maps are not
// those of Linux.
func dropReadPages([][]byte) {}
