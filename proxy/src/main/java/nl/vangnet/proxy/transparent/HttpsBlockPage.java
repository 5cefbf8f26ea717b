package nl.vangnet.proxy.transparent;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.timeout.IdleStateEvent;
import nl.vangnet.proxy.netty.Responses;

/**
 * Behind the block-page TLS handler of a blocked HTTPS connection (only when a {@link BlockPageTls} is configured):
 * answers the first HTTP request with the block page for the blocked host (403, {@code Connection: close}) and
 * closes. Anything that is not a decodable request closes the connection. One instance per connection.
 */
final class HttpsBlockPage extends SimpleChannelInboundHandler<HttpObject> {
    private final String host;
    private final ListenerContext context;
    private boolean answered;

    HttpsBlockPage(String host, ListenerContext context) {
        this.host = host;
        this.context = context;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (answered) {
            return;
        }
        if (!(msg instanceof HttpRequest request) || request.decoderResult().isFailure()) {
            ctx.close();
            return;
        }
        answered = true;
        boolean head = HttpMethod.HEAD.equals(request.method());
        ctx.writeAndFlush(Responses.blockPage(context.blockPage().render(host), head, context.clock().instant()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
