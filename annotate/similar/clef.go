package similar

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/factmark/factmark/annotate"
)

// This file reads and writes the layout of CLEF CheckThat! 2020 Task 2
// (verified claim retrieval): a library of verified claims, queries (tweets),
// qrels, and TREC runs.

// Query is a text to find verified claims for, with its ID.
type Query struct {
	ID   string
	Text string
}

// ReadLibrary reads verified claims from a tab-separated file with a header
// and the columns id, claim and title (CheckThat's verified_claims.docs.tsv).
// name is the file's name for the messages.
func ReadLibrary(r io.Reader, name string) ([]Claim, error) {
	rows, err := readTSV(r, name, 3)
	if err != nil {
		return nil, err
	}
	cs := make([]Claim, len(rows))
	seen := map[string]int{}
	for i, row := range rows {
		if j, ok := seen[row[0]]; ok {
			return nil, annotate.Errorf(annotate.EINVALID, "%s: claim id %q is on rows %d and %d: each claim needs its own id", name, row[0], j+2, i+2)
		}
		seen[row[0]] = i
		cs[i] = Claim{ID: row[0], Text: row[1], Title: row[2]}
	}
	return cs, nil
}

// ReadQueries reads queries from a tab-separated file with a header and the
// columns id and text (CheckThat's tweets.queries.tsv).
func ReadQueries(r io.Reader, name string) ([]Query, error) {
	rows, err := readTSV(r, name, 2)
	if err != nil {
		return nil, err
	}
	qs := make([]Query, len(rows))
	for i, row := range rows {
		qs[i] = Query{ID: row[0], Text: row[1]}
	}
	return qs, nil
}

// readTSV reads the rows after the header, each with at least cols fields.
// Fields may be quoted as in CSV ("" for a quote inside).
func readTSV(r io.Reader, name string, cols int) ([][]string, error) {
	cr := csv.NewReader(r)
	cr.Comma = '\t'
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "%s is not a tab-separated file: %v", name, err)
	}
	if len(rows) == 0 {
		return nil, annotate.Errorf(annotate.EINVALID, "%s is empty: want a header line and then one row per item", name)
	}
	rows = rows[1:]
	for i, row := range rows {
		if len(row) < cols {
			return nil, annotate.Errorf(annotate.EINVALID, "%s, row %d: %d columns, want %d (id, text…) separated by tabs", name, i+2, len(row), cols)
		}
		if strings.TrimSpace(row[0]) == "" {
			return nil, annotate.Errorf(annotate.EINVALID, "%s, row %d: the id is empty", name, i+2)
		}
	}
	return rows, nil
}

// Qrels maps a query ID to the IDs of its relevant claims.
type Qrels map[string]map[string]bool

// ReadQrels reads TREC qrels: "qid iter docid relevance" per line,
// separated by tabs or spaces; relevance above 0 counts as relevant.
func ReadQrels(r io.Reader, name string) (Qrels, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, annotate.Errorf(annotate.EINVALID, "%s cannot be read: %v", name, err)
	}
	q := Qrels{}
	for i, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 4 {
			return nil, annotate.Errorf(annotate.EINVALID, "%s, line %d: %d fields, want 4 (query id, 0, claim id, relevance)", name, i+1, len(f))
		}
		rel, err := strconv.Atoi(f[3])
		if err != nil {
			return nil, annotate.Errorf(annotate.EINVALID, "%s, line %d: relevance %q is not a whole number", name, i+1, f[3])
		}
		if rel <= 0 {
			continue
		}
		if q[f[0]] == nil {
			q[f[0]] = map[string]bool{}
		}
		q[f[0]][f[2]] = true
	}
	return q, nil
}

// Run is a ranking per query ID, best first.
type Run map[string][]Match

// WriteRun writes run in TREC format, "qid Q0 docid rank score tag", queries
// in the order of ids.
func WriteRun(w io.Writer, run Run, ids []string, tag string) error {
	var errs []error
	for _, id := range ids {
		for r, m := range run[id] {
			_, err := fmt.Fprintf(w, "%s\tQ0\t%s\t%d\t%.6f\t%s\n", id, m.ID, r+1, m.Score, tag)
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// MAP is the mean over the queries that have relevant claims in qrels of
// average precision at k: the sum of precision at each relevant claim ranked
// within the first k, over the number of relevant claims (CheckThat! 2020's
// measure). A query without a ranking scores 0.
func MAP(run Run, qrels Qrels, k int) float64 {
	ids := make([]string, 0, len(qrels))
	for id := range qrels {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if len(ids) == 0 {
		return 0
	}
	var sum float64
	for _, id := range ids {
		sum += averagePrecision(run[id], qrels[id], k)
	}
	return sum / float64(len(ids))
}

func averagePrecision(ranked []Match, rel map[string]bool, k int) float64 {
	if len(rel) == 0 {
		return 0
	}
	var hits, sum float64
	for i, m := range ranked {
		if i >= k {
			break
		}
		if rel[m.ID] {
			hits++
			sum += hits / float64(i+1)
		}
	}
	return sum / float64(len(rel))
}
