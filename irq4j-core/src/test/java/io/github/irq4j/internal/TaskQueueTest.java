package io.github.irq4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.irq4j.spi.DeferredTask.Kind;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The default environment's queue of deferred calls: FIFO order whichever way a call is added, and
 * the owed wake-up of {@link TaskQueue#addOwingWake} (the ISR's way), which {@link ThreadState}
 * records and sends. Each check waits for a condition (a thread state, a taken call), never for a
 * time to pass.
 */
class TaskQueueTest {

    /** A deferred call that is only a queue node here; never run. */
    private static DeferredCall call(String name) {
        return new DeferredCall(Kind.DPC, name, null) {
            @Override
            protected void invoke() {
            }
        };
    }

    private static void awaitWaiting(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (t.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime() - deadline).as("the consumer waits within 20 s").isNegative();
            Thread.onSpinWait();
        }
    }

    /** A consumer thread that takes one call and hands it over. */
    private static Thread consumer(TaskQueue q, BlockingQueue<DeferredCall> taken) {
        Thread t = new Thread(() -> {
            try {
                taken.add(q.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "task-queue-test-consumer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void callsAreTakenInTheOrderTheyWereAddedWhetherTheirWakeUpIsOwedOrNot() throws InterruptedException {
        TaskQueue q = new TaskQueue();
        DeferredCall a = call("a");
        DeferredCall b = call("b");
        DeferredCall c = call("c");
        q.add(a);
        assertThat(q.addOwingWake(b)).as("nobody waits: nothing owed").isFalse();
        q.add(c);
        assertThat(q.take()).isSameAs(a);
        assertThat(q.take()).isSameAs(b);
        assertThat(q.take()).isSameAs(c);
    }

    @Test
    void anOwedWakeUpIsOwedOnlyToAWaitingConsumerAndWakeOneDeliversIt() throws InterruptedException {
        TaskQueue q = new TaskQueue();
        BlockingQueue<DeferredCall> taken = new ArrayBlockingQueue<>(1);
        Thread t = consumer(q, taken);
        awaitWaiting(t);
        DeferredCall a = call("a");
        assertThat(q.addOwingWake(a)).as("a consumer waits: its wake-up is owed").isTrue();
        q.wakeOne();
        assertThat(taken.poll(20, TimeUnit.SECONDS)).isSameAs(a);
        t.join(20_000);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void theThreadSendsWhatItOwesAndAFullRecordRefusesSoTheCallerWakesAtOnce() throws InterruptedException {
        ThreadState ts = new ThreadState(Thread.currentThread());
        TaskQueue[] queues = new TaskQueue[4];
        Thread[] consumers = new Thread[4];
        BlockingQueue<DeferredCall> taken = new ArrayBlockingQueue<>(4);
        for (int i = 0; i < 4; i++) {
            queues[i] = new TaskQueue();
            consumers[i] = consumer(queues[i], taken);
            awaitWaiting(consumers[i]);
            assertThat(queues[i].addOwingWake(call("c" + i))).isTrue();
            assertThat(ts.owe(queues[i])).isTrue();
        }
        assertThat(ts.owe(new TaskQueue())).as("a fifth owed wake-up does not fit").isFalse();
        assertThat(ts.owedCount).isEqualTo(4);
        ts.sendOwedWakes();
        assertThat(ts.owedCount).isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(taken.poll(20, TimeUnit.SECONDS)).as("consumer %d was woken", i).isNotNull();
        }
    }

    @Test
    void closingWakesAConsumerWithNull() throws InterruptedException {
        TaskQueue q = new TaskQueue();
        Thread t = new Thread(() -> {
            try {
                assertThat(q.take()).isNull();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        awaitWaiting(t);
        q.close();
        t.join(20_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(q.addOwingWake(call("late"))).as("a closed queue drops the call, owes nothing").isFalse();
    }
}
