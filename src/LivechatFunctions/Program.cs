using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using LivechatFunctions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddLivechatSearch(builder.Configuration);
builder.Build().Run();
