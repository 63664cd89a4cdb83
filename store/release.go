package store

import (
	"context"
	"database/sql"
)

// ReleaseMemory empties the page caches of the project's idle connections
// (PRAGMA shrink_memory). Each keeps up to 64 MB of the pages it read: once
// the desk has opened a long article its reader holds the article's text
// and every annotation's page, read once and not needed again.
func (db *DB) ReleaseMemory(ctx context.Context) error {
	pools := []*sql.DB{db.db}
	if db.rd != db.db {
		pools = append(pools, db.rd)
	}
	for _, pool := range pools {
		if err := shrinkIdle(ctx, pool); err != nil {
			return dbError("release memory", err)
		}
	}
	return nil
}

// shrinkIdle runs shrink_memory on as many connections as the pool holds
// idle, all taken at once so that each is a different one.
func shrinkIdle(ctx context.Context, pool *sql.DB) error {
	n := pool.Stats().Idle
	conns := make([]*sql.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range n {
		c, err := pool.Conn(ctx)
		if err != nil {
			return err
		}
		conns = append(conns, c)
		if _, err := c.ExecContext(ctx, "PRAGMA shrink_memory"); err != nil {
			return err
		}
	}
	return nil
}
