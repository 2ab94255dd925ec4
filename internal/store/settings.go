package store

import (
	"context"
)

// SettingsQueries are the statements of settings.go.
type SettingsQueries interface {
	// Setting returns an install setting, "" when unset.
	Setting(ctx context.Context, key string) (string, error)

	// SetSetting stores an install setting.
	SetSetting(ctx context.Context, key, value string) error
}
