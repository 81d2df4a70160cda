package dev.crmsuite.complaint.complaint;

/** The explicit actions that move a complaint; {@link #path} is the endpoint under /complaints/{id}. */
public enum ComplaintAction {
    ACKNOWLEDGE("acknowledge"),
    START("start"),
    WAIT_ON_CUSTOMER("wait-on-customer"),
    RESOLVE("resolution"),
    REOPEN("reopen"),
    CLOSE("close");

    public final String path;

    ComplaintAction(String path) {
        this.path = path;
    }
}
