package store

import (
	"context"
)

// TasksQueries are the statements of tasks.go.
type TasksQueries interface {
	// TaskByID finds one task of a plan, retired or not; another plan's task is not found.
	TaskByID(ctx context.Context, planID, id int64) (Task, error)

	// CreateTaskChecked inserts a task, reporting a taken code as ErrConflict.
	CreateTaskChecked(ctx context.Context, t Task, cooperating []int64) (int64, error)

	// UpdateTask changes a task and its cooperating units; ErrConflict when its code is taken.
	UpdateTask(ctx context.Context, t Task, cooperating []int64) error

	// NextTaskPosition is the position after a plan's last task.
	NextTaskPosition(ctx context.Context, planID int64) (int, error)

	// SetTaskUnits replaces the units that report on a task.
	SetTaskUnits(ctx context.Context, taskID int64, unitIDs []int64) error

	// SetTaskRetired retires a task (it leaves the report forms; its results stay) or brings it back.
	SetTaskRetired(ctx context.Context, planID, id int64, retired bool) error

	// MoveTask swaps a task with its neighbour of the same reform area (dir -1 up, +1 down).
	MoveTask(ctx context.Context, planID, id int64, dir int) error
}
