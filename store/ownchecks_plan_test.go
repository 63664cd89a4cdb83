package store

import "testing"

// The project's own checks are read through the index of notes by claim,
// never by a scan of every annotation (their bodies make the table most of
// a project's size).
func TestOwnChecksPlan(t *testing.T) {
	f := newFixture(t)
	rows, err := f.db.rd.Query("EXPLAIN QUERY PLAN " + ownChecksQuery)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%q", plan)
	for _, d := range plan {
		if d == "SCAN n" || d == "SCAN c" || d == "SCAN annotations" {
			t.Errorf("the own checks' plan has %s: %q", d, plan)
		}
	}
}
