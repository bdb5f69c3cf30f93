package io.nuage.tenancy;

import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set by Authenticator. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("request was not authenticated");
        }
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
