package upload

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Dir keeps evidence content as files under a directory (UPLOAD_DIR), each named by its
// generated key and spread over 256 subdirectories so none grows huge.
type Dir string

var errBadKey = errors.New("upload: malformed storage key")

func (d Dir) path(key string) (string, error) {
	if len(key) < 8 || len(key) > 64 {
		return "", errBadKey
	}
	for _, c := range key {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return "", errBadKey
		}
	}
	return filepath.Join(string(d), key[:2], key), nil
}

// Put writes the content under key. It writes a temporary file and renames it, so a
// crash never leaves half a file under a real key.
func (d Dir) Put(key string, r io.Reader) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".part-*")
	if err != nil {
		return fmt.Errorf("upload: %w", err)
	}
	_, err = io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("upload: store %s: %w", key, err)
	}
	return nil
}

// Open opens the content stored under key.
func (d Dir) Open(key string) (*os.File, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("upload: open %s: %w", key, err)
	}
	return f, nil
}

// Remove deletes the content under key; a missing file is not an error.
func (d Dir) Remove(key string) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("upload: remove %s: %w", key, err)
	}
	return nil
}
