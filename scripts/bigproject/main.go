// Bigproject generates the large project of issue 16 into the temporary
// folder where the library's benchmarks look for it (internal/bigproject),
// or prints where it is when it exists:
//
//	FACTMARK_BIG_ANNOTATIONS=100 go run ./scripts/bigproject
//	go run ./scripts/bigproject -path    (where it is, or would be; nothing made)
//
// Its articles are the PolNeAR training texts of the shared corpora
// ($FACTMARK_SHARED or ../shared) repeated with new IDs, or made-up prose
// when the corpora are not there.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"time"

	"github.com/factmark/factmark/internal/bigproject"
)

func main() {
	pathOnly := flag.Bool("path", false, "print where the project is (or would be), and make nothing")
	flag.Parse()
	spec := bigproject.FromEnv()
	if *pathOnly {
		fmt.Println(spec.Path())
		return
	}
	start := time.Now()
	db, err := bigproject.Cached(context.Background(), spec)
	if err != nil {
		log.Fatal(err)
	}
	if err := db.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d articles, %d annotations each (%.1f s)\n", spec.Path(), spec.Articles, spec.Annotations, time.Since(start).Seconds())
}
