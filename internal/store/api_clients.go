package store

import (
	"context"
	"time"
)

// APIClient is a system or person reading /api/v1 with a token, and what it may read.
type APIClient struct {
	ID               int64
	Name             string
	TokenHint        string  // the token's first characters, to tell tokens apart
	PlanIDs          []int64 // the plans it may read; empty: every plan that is not a draft
	UnitID           int64   // the unit whose subtree it may read; 0: the whole tree
	UnitName         string
	IncludeSubmitted bool // results awaiting review are visible, not only approved ones
	ExpiresAt        *time.Time
	CreatedAt        time.Time
	RevokedAt        *time.Time
	LastUsedAt       *time.Time
}

// APIClientInput is a new client: its scope and the hash of its token.
type APIClientInput struct {
	Name             string
	TokenHash        []byte
	TokenHint        string
	PlanIDs          []int64
	UnitID           int64
	IncludeSubmitted bool
	ExpiresAt        *time.Time
	CreatedBy        int64
}

// APICall is one logged call of the API.
type APICall struct {
	ClientID int64 // 0 when no valid token came with it
	At       time.Time
	Route    string
	Rows     int
	Status   int
}

// APIClientsQueries are the statements of api_clients.go.
type APIClientsQueries interface {
	// CreateAPIClient stores a client; ErrConflict when the token hash is taken.
	CreateAPIClient(ctx context.Context, in APIClientInput) (int64, error)
	// APIClients lists clients, newest first, revoked ones included.
	APIClients(ctx context.Context, page Page) ([]APIClient, error)
	// APIClientByID returns one client.
	APIClientByID(ctx context.Context, id int64) (APIClient, error)
	// APIClientByTokenHash finds the client holding a token (revoked or expired ones too).
	APIClientByTokenHash(ctx context.Context, hash []byte) (APIClient, error)
	// RevokeAPIClient revokes a client; ErrNotFound when it is unknown or already revoked.
	RevokeAPIClient(ctx context.Context, id int64, at time.Time) error
	// LogAPICalls records calls and moves their clients' last use forward.
	LogAPICalls(ctx context.Context, calls []APICall) error
	// PruneAPICalls deletes calls older than before; it returns how many.
	PruneAPICalls(ctx context.Context, before time.Time) (int64, error)
}
