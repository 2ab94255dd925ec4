package i18n

// Register adds an area's strings to the catalogue. Each area keeps its strings in its
// own file (catalogue_<area>.go) and registers them from init, so areas do not collide.
func Register(entries map[string][2]string) {
	for k, v := range entries {
		if _, dup := catalogue[k]; dup {
			panic("i18n: duplicate key " + k)
		}
		catalogue[k] = v
	}
}
