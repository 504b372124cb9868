package org.lrpo.jobs.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server (S3Proxy, in-memory backend) in its own JVM on 127.0.0.1, for tests of
 * {@code s3a://} paths. Started and stopped by the test; never reachable from outside the machine.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "lrpo-test-access";
    public static final String SECRET_KEY = "lrpo-test-secret";

    private final Process process;
    private final int port;
    private final Path logFile;

    private S3ProxyServer(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    public static S3ProxyServer start(Path workDir) throws IOException, InterruptedException {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy jar not found at '" + jar
                    + "': run the tests through Maven (the dependency plugin copies it to target/test-tools)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path props = workDir.resolve("s3proxy.properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=transient",
                "jclouds.identity=unused",
                "jclouds.credential=unused", ""));
        Path log = workDir.resolve("s3proxy.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar, "--properties", props.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(p, port, log);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(logFile));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.getResponseCode();
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not answer within 60 s: " + Files.readString(logFile));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The Hadoop settings that point s3a at this server (prefix them with spark.hadoop. for Spark). */
    /**
     * Settings of a local Spark session that reads and writes this server through {@code s3a://}: the Hadoop
     * settings as {@code spark.hadoop.*}, s3a's upload buffers in {@code bufferDir}, no UI, two shuffle partitions.
     */
    public Map<String, String> sparkSettings(java.nio.file.Path bufferDir) {
        Map<String, String> conf = new HashMap<>();
        hadoopSettings().forEach((k, v) -> conf.put("spark.hadoop." + k, v));
        conf.put("spark.hadoop.fs.s3a.buffer.dir", bufferDir.toString());
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.sql.shuffle.partitions", "2");
        return conf;
    }

    public Map<String, String> hadoopSettings() {
        Map<String, String> m = new HashMap<>();
        m.put("fs.s3a.endpoint", endpoint());
        m.put("fs.s3a.endpoint.region", "us-east-1");
        m.put("fs.s3a.path.style.access", "true");
        m.put("fs.s3a.connection.ssl.enabled", "false");
        m.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        m.put("fs.s3a.access.key", ACCESS_KEY);
        m.put("fs.s3a.secret.key", SECRET_KEY);
        // Hadoop caches one client per bucket per JVM; a new server per test needs a new client.
        m.put("fs.s3a.impl.disable.cache", "true");
        m.put("fs.s3a.attempts.maximum", "2");
        m.put("fs.s3a.retry.limit", "2");
        return m;
    }

    /** Creates a bucket through the AWS SDK that hadoop-aws already brings (s3a cannot create buckets). */
    public void createBucket(String bucket) {
        com.amazonaws.services.s3.AmazonS3 client = com.amazonaws.services.s3.AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration(
                        endpoint(), "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new com.amazonaws.auth.AWSStaticCredentialsProvider(
                        new com.amazonaws.auth.BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
                .build();
        client.createBucket(bucket);
        client.shutdown();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
