package server

import (
	"io/fs"
	"net/http"

	"github.com/go-chi/chi/v5"

	"github.com/vn-cchc/cchc/internal/authz"
	"github.com/vn-cchc/cchc/internal/reportdoc"
	"github.com/vn-cchc/cchc/web"
)

// Handler returns the portal's router.
func (s *Server) Handler() http.Handler {
	r := chi.NewRouter()
	r.Use(s.metrics.observe, withRequestID, s.recoverPanics, s.logRequests, s.securityHeaders, bodyDeadline(s.cfg.BodyReadTimeout),
		s.refuseLongWorkWhenDraining)

	r.Get("/healthz", s.healthz)
	r.Head("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	r.Head("/readyz", s.readyz)
	static, _ := fs.Sub(web.Static, "static")
	r.Get("/static/*", http.StripPrefix("/static/", staticFiles(filesOnly{static})).ServeHTTP)
	// the report's font (Liberation Serif 2), which the print view embeds as the PDF does
	r.Get("/fonts/*", http.StripPrefix("/", staticFiles(filesOnly{reportdoc.Fonts})).ServeHTTP)
	s.apiRoutes(r)

	r.Group(func(r chi.Router) {
		// Cross-site state changes are refused by Sec-Fetch-Site / Origin; GETs never change state.
		r.Use(http.NewCrossOriginProtection().Handler, language, trackOutcome, withSessionUser, s.sessions.LoadAndSave, s.rememberWrites, s.loadUser)
		r.NotFound(s.h(func(w http.ResponseWriter, r *http.Request) error { return errNotFound }))
		r.MethodNotAllowed(s.h(func(w http.ResponseWriter, r *http.Request) error {
			return &httpError{status: http.StatusMethodNotAllowed, key: "err.bad_request"}
		}))

		r.Get("/login", s.h(s.loginForm))
		r.Post("/login", s.h(s.login))
		r.Post("/logout", s.h(s.logout))
		r.Post("/lang", s.h(s.setLanguage))
		// the public page of the published plans: no sign-in (public.go)
		r.Get("/cong-khai", s.h(s.publicPage))
		r.Get("/public", s.h(s.publicPage))
		r.Get("/cong-khai/van-ban/{docID}.pdf", s.h(s.publicDocument))

		r.Group(func(r chi.Router) {
			r.Use(s.requireLogin)
			r.Get("/", s.h(s.home))
			r.Post("/session/keepalive", s.h(s.keepAlive))
			r.Get("/account/password", s.h(s.passwordForm))
			r.Post("/account/password", s.h(s.changePassword))

			r.Get("/notifications", s.h(s.notificationsPage))
			r.Post("/notifications/read", s.h(s.readAllNotifications))
			r.Get("/account/notifications", s.h(s.notificationPrefs))
			r.Post("/account/notifications", s.h(s.saveNotificationPrefs))
			r.Post("/notifications/{notificationID}/open", s.h(s.openNotification))

			r.Get("/reports", s.h(s.unitReports))
			// Dashboards and exports may read a replica (DATABASE_READ_URL): reads.go.
			r.With(s.readsFromReplica).Group(func(r chi.Router) {
				r.Get("/dashboard", s.h(s.dashboard))
				r.Get("/dashboard/final", s.h(s.dashboardFinal))
				r.Get("/dashboard/targets/{targetID}", s.h(s.dashboardTarget))
				r.Get("/dashboard/units/{unitID}", s.h(s.dashboardUnit))
			})
			s.reportRoutes(r)
			s.planRoutes(r)

			s.documentRoutes(r)
			r.With(s.requireAction(authz.ExportReports), s.readsFromReplica).Route("/exports", func(r chi.Router) {
				r.Get("/", s.h(s.gateExport(s.exportsPage)))
				r.Get("/report.xlsx", s.h(s.queueOrExport("xlsx")))
				r.Get("/report.pdf", s.h(s.queueOrExport("pdf")))
				r.Get("/report.docx", s.h(s.queueOrExport("docx")))
				r.Get("/results.csv", s.h(s.queueOrExport("csv")))
				r.Get("/print", s.h(s.gateExport(s.exportDownload("print"))))
				r.Get("/jobs/{jobID}", s.h(s.exportJobPage))
				r.Get("/jobs/{jobID}/file", s.h(s.exportJobFile))
			})

			r.Route("/admin", func(r chi.Router) {
				r.With(s.requireAction(authz.AdminUsers)).Group(func(r chi.Router) {
					r.Get("/", s.h(s.adminIndex))
					r.Get("/users", s.h(s.listUsers))
					r.Get("/users/new", s.h(s.newUserForm))
					r.Post("/users", s.h(s.createUser))
					r.Get("/users/{userID}", s.h(s.editUserForm))
					r.Post("/users/{userID}", s.h(s.updateUser))
					r.Post("/users/{userID}/password", s.h(s.resetPassword))
					r.Post("/users/{userID}/unlock", s.h(s.unlockUser))
					r.Post("/users/{userID}/email", s.h(s.setUserEmail))
					r.Get("/units", s.h(s.listUnits))
					r.Get("/units/new", s.h(s.newUnitForm))
					r.Post("/units", s.h(s.createUnit))
					r.Get("/units/{unitID}", s.h(s.editUnitForm))
					r.Post("/units/{unitID}", s.h(s.updateUnit))
					r.Get("/mail", s.h(s.adminMail))
					r.Get("/mail/{mailID}", s.h(s.adminMailMessage))
					r.Get("/api-clients", s.h(s.listAPIClients))
					r.Post("/api-clients", s.h(s.createAPIClient))
					r.Post("/api-clients/{clientID}/revoke", s.h(s.revokeAPIClient))
				})
				r.With(s.requireAction(authz.ViewAudit)).Get("/audit", s.h(s.listAudit))
			})
		})
	})
	return r
}

// staticFiles serves embedded assets with a cache lifetime; they change only with a release.
func staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}
