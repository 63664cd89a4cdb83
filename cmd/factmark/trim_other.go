//go:build !linux || !cgo

package main

// trimCHeap does nothing where the C library has no malloc_trim.
func trimCHeap() {}
