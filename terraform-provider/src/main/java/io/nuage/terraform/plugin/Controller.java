package io.nuage.terraform.plugin;

import io.grpc.stub.StreamObserver;
import io.nuage.terraform.proto.GRPCControllerGrpc;
import io.nuage.terraform.proto.GoPlugin;

/** go-plugin's controller: Terraform's Shutdown ends the process at once (it would otherwise wait, then kill it). */
final class Controller extends GRPCControllerGrpc.GRPCControllerImplBase {

    private final Runnable exit;

    Controller(Runnable exit) {
        this.exit = exit;
    }

    @Override
    public void shutdown(GoPlugin.Empty request, StreamObserver<GoPlugin.Empty> answer) {
        answer.onNext(GoPlugin.Empty.getDefaultInstance());
        answer.onCompleted();
        exit.run();
    }
}
