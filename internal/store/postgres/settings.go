package postgres

import (
	"context"
	"fmt"

	"github.com/vn-cchc/cchc/internal/store"
)

// Setting returns an install setting, "" when unset.
func (q *Queries) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := q.QueryRow(ctx, `SELECT value FROM app_settings WHERE key = $1`, key).Scan(&v)
	if err = notFound(err); err == store.ErrNotFound {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("store: setting %q: %w", key, err)
	}
	return v, nil
}

// SetSetting stores an install setting.
func (q *Queries) SetSetting(ctx context.Context, key, value string) error {
	if _, err := q.Exec(ctx, `INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
		return fmt.Errorf("store: set setting %q: %w", key, err)
	}
	return nil
}
