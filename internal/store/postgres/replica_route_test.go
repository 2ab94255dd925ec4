package postgres

// Route is route, for replica_test.go.
var Route = route

// The reasons route gives.
const (
	ReadReplica              = readReplica
	ReadPrimaryOwnWrite      = readPrimaryOwnWrite
	ReadPrimaryReplicaBehind = readPrimaryReplicaBehind
)
