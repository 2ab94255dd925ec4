package server

import (
	"context"
	"net/http"

	"github.com/vn-cchc/cchc/internal/domain"
	"github.com/vn-cchc/cchc/internal/i18n"
	"github.com/vn-cchc/cchc/internal/notice"
	"github.com/vn-cchc/cchc/internal/store"
	"github.com/vn-cchc/cchc/web"
)

// notificationsPage lists the signed-in user's notifications, newest first.
func (s *Server) notificationsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userFrom(ctx)
	page := pageParam(r)
	list, more, err := s.store.Notifications(ctx, u.ID, store.Page{Number: page, Size: 30})
	if err != nil {
		return err
	}
	props := web.NotificationsProps{Meta: s.meta(r, i18n.T(ctx, "notify.title"), "notifications"),
		Pager: web.Pager{Page: page, HasNext: more, Total: -1, BaseURL: "/notifications"}}
	if props.Meta.User != nil {
		props.Unread = props.Meta.User.Unread
	}
	for _, n := range list {
		props.Rows = append(props.Rows, web.NotificationRow{ID: n.ID, Kind: n.Kind, Text: notificationText(ctx, n),
			When: domain.FormatDateTime(n.CreatedAt), Unread: n.ReadAt == nil})
	}
	s.render(w, r, http.StatusOK, web.NotificationsPage(props))
	return nil
}

// openNotification marks a notification read and goes to its record; another user's
// notification is not found.
func (s *Server) openNotification(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "notificationID")
	if err != nil {
		return err
	}
	n, err := s.store.MarkNotificationRead(r.Context(), userFrom(r.Context()).ID, id, s.now())
	if err != nil {
		return err
	}
	// stored links are the portal's own paths (the table's check); never another site
	return seeOther(w, r, localPath(n.Link))
}

// readAllNotifications marks every notification of the user read.
func (s *Server) readAllNotifications(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := s.store.MarkAllNotificationsRead(ctx, userFrom(ctx).ID, s.now()); err != nil {
		return err
	}
	s.flash(r, i18n.T(ctx, "notify.all_read"))
	return seeOther(w, r, "/notifications")
}

// notificationText is what a notification says, in the reader's language.
func notificationText(ctx context.Context, n store.Notification) string {
	return notice.Text(i18n.From(ctx), n)
}
