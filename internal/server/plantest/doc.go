// Package plantest drives plan management over HTTP — the reform office's pages for
// plans, targets, tasks, assignments, periods and the spreadsheet import — against a
// demo database, as a browser without JavaScript would. It holds only tests.
package plantest
