-- "Is a DELETE_STACK of this stack pending or running?" is asked before every write command: without this index
-- the lookup walked the stack's whole command history (ix_commands_stack), so enqueueing slowed as history grew.
CREATE INDEX ix_commands_stack_type_active ON commands (stack_id, type, status) WHERE status IN ('PENDING', 'RUNNING', 'FAILED');
