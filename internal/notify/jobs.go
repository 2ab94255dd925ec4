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
func (RemindersArgs) InsertOpts() river.InsertOpts { return hourly }

// LateDigestArgs is the reform office's morning digest of late reports.
type LateDigestArgs struct{}

// Kind names the job in River's table.
func (LateDigestArgs) Kind() string { return "notify_late_digest" }

// InsertOpts: see RemindersArgs.
func (LateDigestArgs) InsertOpts() river.InsertOpts { return hourly }

// WeeklySummaryArgs is the director's Monday summary.
type WeeklySummaryArgs struct{}

// Kind names the job in River's table.
func (WeeklySummaryArgs) Kind() string { return "notify_weekly_summary" }

// InsertOpts: see RemindersArgs.
func (WeeklySummaryArgs) InsertOpts() river.InsertOpts { return hourly }

var hourly = river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Hour}}

type worker[T river.JobArgs] struct {
	river.WorkerDefaults[T]
	run func(context.Context) (int, error)
}

func (w *worker[T]) Work(ctx context.Context, _ *river.Job[T]) error {
	_, err := w.run(ctx)
	return err
}

// Register adds the notification workers to River's set.
func Register(workers *river.Workers, svc *Service) {
	river.AddWorker(workers, &worker[RemindersArgs]{run: svc.SendReminders})
	river.AddWorker(workers, &worker[LateDigestArgs]{run: svc.SendLateDigest})
	river.AddWorker(workers, &worker[WeeklySummaryArgs]{run: svc.SendWeeklySummary})
}

// Periodic is the notification jobs' schedule, in province time: reminders at 07:00 and
// the reform office's digest at 07:30 every morning, the director's summary on Monday at
// 08:00. Reminders and the digest also run when a leader starts, so a morning missed while
// nothing ran is made up (each is told once a day whatever runs it).
func Periodic() []*river.PeriodicJob {
	return []*river.PeriodicJob{
		river.NewPeriodicJob(jobs.DailyAt{Hour: 7}, func() (river.JobArgs, *river.InsertOpts) { return RemindersArgs{}, nil },
			&river.PeriodicJobOpts{ID: "notify_reminders", RunOnStart: true}),
		river.NewPeriodicJob(jobs.DailyAt{Hour: 7, Minute: 30}, func() (river.JobArgs, *river.InsertOpts) { return LateDigestArgs{}, nil },
			&river.PeriodicJobOpts{ID: "notify_late_digest", RunOnStart: true}),
		river.NewPeriodicJob(jobs.WeeklyAt{Day: time.Monday, Hour: 8}, func() (river.JobArgs, *river.InsertOpts) { return WeeklySummaryArgs{}, nil },
			&river.PeriodicJobOpts{ID: "notify_weekly_summary"}),
	}
}
