"""Operations: the admin CLI, the ERP importer, the event relay and compaction."""
