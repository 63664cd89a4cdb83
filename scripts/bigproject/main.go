// Bigproject generates the large project of issue 16 into the temporary
// folder where the library's benchmarks look for it (internal/bigproject),
// or prints where it is when it exists:
//
//	FACTMARK_BIG_ANNOTATIONS=100 go run ./scripts/bigproject
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/factmark/factmark/internal/bigproject"
)

func main() {
	spec := bigproject.FromEnv()
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
