package io.bfg.console.store;

import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Child process for the crash test: appends events in several concurrent loops until killed, and
 * prints {@code appended <seq> <hash>} only after each append's future completed (= durable).
 */
public final class AppendLoopMain {

  private static final int LOOPS = 4;

  private AppendLoopMain() {
  }

  public static void main(String[] args) {
    ScenarioStore store = new FileLocalStore(Vertx.vertx(), Path.of(args[0]), Clock.systemUTC());
    store.load()
        .onSuccess(events -> {
          for (int i = 0; i < LOOPS; i++) {
            appendForever(store, i);
          }
        })
        .onFailure(AppendLoopMain::die);
  }

  private static void appendForever(ScenarioStore store, int loop) {
    store.append("crash.probe", "loop-" + loop, Journals.payload(loop))
        .onSuccess(event -> {
          System.out.println("appended " + event.seq() + " " + event.hash());
          System.out.flush();
          appendForever(store, loop);
        })
        .onFailure(AppendLoopMain::die);
  }

  private static void die(Throwable cause) {
    cause.printStackTrace();
    System.exit(2);
  }
}
