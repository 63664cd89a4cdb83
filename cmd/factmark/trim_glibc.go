//go:build linux && cgo

package main

/*
#include <malloc.h>
*/
import "C"

// trimCHeap hands the C heap's free pages back to the system (glibc's
// malloc_trim): what SQLite's page caches and the renderer freed stays
// resident otherwise, the heap being too fragmented to shrink from its top.
func trimCHeap() { C.malloc_trim(0) }
