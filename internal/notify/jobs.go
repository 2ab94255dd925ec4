package notify

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/vn-cchc/cchc/internal/jobs"
)

// RemindersArgs is the daily job that sends deadline reminders and overdue notices.
type RemindersArgs struct{}

// Kind names the job in River's table.
func (RemindersArgs) Kind() string { return "notify_reminders" }

// InsertOpts makes the job unique per hour: instances that start together, or a leader
// elected anew, add it once. The notifications' own unique key is the real guarantee.
func (RemindersArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Hour}}
}

type remindersWorker struct {
	river.WorkerDefaults[RemindersArgs]
	svc *Service
}

func (w *remindersWorker) Work(ctx context.Context, _ *river.Job[RemindersArgs]) error {
	_, err := w.svc.SendReminders(ctx)
	return err
}

// Register adds the notification workers to River's set.
func Register(workers *river.Workers, svc *Service) {
	river.AddWorker(workers, &remindersWorker{svc: svc})
}

// Periodic is the notification jobs' schedule, in province time: reminders every morning
// at 07:00, and once when the leader starts, so a day missed while nothing ran is made up.
func Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(jobs.DailyAt{Hour: 7}, func() (river.JobArgs, *river.InsertOpts) { return RemindersArgs{}, nil },
			&river.PeriodicJobOpts{ID: "notify_reminders", RunOnStart: true}),
	}
}
