#include "CMesosShims.h"

struct ACL_vector *cmesos_zoo_open_acl_unsafe(void) { return &ZOO_OPEN_ACL_UNSAFE; }
struct ACL_vector *cmesos_zoo_creator_all_acl(void) { return &ZOO_CREATOR_ALL_ACL; }
struct ACL_vector *cmesos_zoo_read_acl_unsafe(void) { return &ZOO_READ_ACL_UNSAFE; }

int cmesos_zoo_ephemeral(void) { return ZOO_EPHEMERAL; }
int cmesos_zoo_sequence(void) { return ZOO_SEQUENCE; }
int cmesos_zoo_persistent(void) { return ZOO_PERSISTENT; }

int cmesos_zoo_state_connecting(void) { return ZOO_CONNECTING_STATE; }
int cmesos_zoo_state_associating(void) { return ZOO_ASSOCIATING_STATE; }
int cmesos_zoo_state_connected(void) { return ZOO_CONNECTED_STATE; }
int cmesos_zoo_state_expired_session(void) { return ZOO_EXPIRED_SESSION_STATE; }
int cmesos_zoo_state_auth_failed(void) { return ZOO_AUTH_FAILED_STATE; }

int cmesos_zoo_event_created(void) { return ZOO_CREATED_EVENT; }
int cmesos_zoo_event_deleted(void) { return ZOO_DELETED_EVENT; }
int cmesos_zoo_event_changed(void) { return ZOO_CHANGED_EVENT; }
int cmesos_zoo_event_child(void) { return ZOO_CHILD_EVENT; }
int cmesos_zoo_event_session(void) { return ZOO_SESSION_EVENT; }
int cmesos_zoo_event_not_watching(void) { return ZOO_NOTWATCHING_EVENT; }

void cmesos_zoo_disable_logging(void) { zoo_set_debug_level((ZooLogLevel)0); }
