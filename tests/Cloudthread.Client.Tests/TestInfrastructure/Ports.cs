using System.Net;
using System.Net.Sockets;

namespace Cloudthread.Client.Tests.TestInfrastructure;

public static class Ports
{
    /// <summary>A loopback port nothing listens on (bound, then released), so connecting is refused.</summary>
    public static int Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
